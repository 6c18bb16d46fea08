"""Forms for plans, distribution, activities and follow-up."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.common import fields as numbers
from nettonoll.common.fields import UploadField
from nettonoll.common.records import add_version_field
from nettonoll.organisations.models import Level, Node
from nettonoll.plans.models import (
    EFFECT_UNITS,
    ActivityStatus,
    Agenda2030Target,
    Goal,
    GoalStatus,
    Plan,
    PlanStatus,
)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Mål som aktiviteten bidrar till"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    responsible = forms.CharField(label=_("Ansvarig"), max_length=200, required=False)
    start_on = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_on = forms.DateField(
        label=_("Slut"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    expected_effect_quantity = numbers.DecimalField(
        label=_("Förväntad effekt"), required=False, max_digits=14, decimal_places=3, localize=True
    )
    expected_effect_unit = forms.ChoiceField(
        label=_("Enhet för effekten"), required=False, choices=[("", "–"), *EFFECT_UNITS]
    )
    cost_sek = numbers.DecimalField(
        label=_("Kostnad (kr)"), required=False, max_digits=14, decimal_places=0, localize=True
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: object, goals: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["goals"].queryset = goals  # type: ignore[attr-defined]
        self.fields["goals"].label_from_instance = lambda g: f"{g.code} {g.title}"  # type: ignore[attr-defined]


class DistributeForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    children = forms.MultipleChoiceField(
        label=_("Fördela till"), widget=forms.CheckboxSelectMultiple, required=False
    )


class NotApplicableForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Varför är målet inte tillämpligt här?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RoundOpenForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"), max_length=200, help_text=_("T.ex. Delår augusti 2024 eller Helår 2024.")
    )
    deadline = forms.DateField(
        label=_("Sista dag att rapportera"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=lambda: datetime.date.today() + datetime.timedelta(days=30),
    )


class EntryForm(forms.Form):
    """One item of a unit's checklist. Status and comment carry the values the page was built
    with (hidden), so a save of the whole checklist writes only the items the user changed. An
    item not yet reported starts without a status: choosing one reports it."""

    status = forms.ChoiceField(label=_("Status"), show_hidden_initial=True)
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        show_hidden_initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self, *args: object, for_goal: bool, reported: bool = True, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices: list[tuple[str, object]] = list(
            GoalStatus.choices if for_goal else ActivityStatus.choices
        )
        status = self.fields["status"]
        if not reported:
            choices = [("", str(_("– Ej rapporterad –"))), *choices]
            status.required = False
        status.choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not cleaned.get("status") and str(cleaned.get("comment") or "").strip():
            self.add_error("status", _("Välj en status; kommentaren sparas tillsammans med den."))
        return cleaned

    @property
    def is_changed(self) -> bool:
        """The user changed the status or the comment from what the page showed."""
        return bool({"status", "comment"} & set(self.changed_data))


class OverrideForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Manuell status"),
        choices=[("", _("Enligt regeln")), *GoalStatus.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Vad filen innehåller"))
    file = UploadField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_("Semikolon eller komma, UTF-8 eller Windows-1252, eller en XLSX-arbetsbok."),
    )

    def __init__(self, *args: object, kinds: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    name = forms.CharField(
        label=_("Namn"), max_length=200, help_text=_("T.ex. Miljöplan 2021–2025.")
    )
    period_start_year = forms.IntegerField(label=_("Från år"), min_value=2000, max_value=2100)
    period_end_year = forms.IntegerField(label=_("Till år"), min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    adopted_on = forms.DateField(
        label=_("Antagen den"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_reference = forms.CharField(label=_("Diarienummer"), max_length=100, required=False)
    level_names = forms.CharField(
        label=_("Nivåernas namn"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En per rad, uppifrån, t.ex. Övergripande mål, Målområde, Mål 2025."),
    )

    def clean_level_names(self) -> list[str]:
        names = [
            line.strip() for line in self.cleaned_data["level_names"].splitlines() if line.strip()
        ]
        if not names:
            raise forms.ValidationError(_("Ange minst en nivå."))
        return names


def agenda2030_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The 169 targets grouped by their global goal, each with its Swedish title."""
    groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for target in Agenda2030Target.objects.order_by("sdg", "id"):
        label = f"{target.code} {target.title}" if target.title else target.code
        groups.setdefault((target.sdg, target.goal_name), []).append((target.pk, label))
    return [(f"{sdg}. {name}", options) for (sdg, name), options in groups.items()]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "title",
            "parent",
            "description",
            "kind",
            "deadline",
            "agenda2030_targets",
            "quality_objectives",
            "supports_paris_agreement",
            "regional_strategies",
            "indicators",
            "ended_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "regional_strategies": forms.Textarea(attrs={"rows": 2}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
            "agenda2030_targets": forms.SelectMultiple(
                attrs={"size": 12, "data-filter": _("Sök delmål, t.ex. 13.2 eller klimat")}
            ),
            "quality_objectives": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
        }
        labels = {"parent": _("Överordnat mål")}

    def __init__(self, *args: object, organisation_id: int, plan: Plan, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_version_field(self, self.instance.version)
        indicators = self.fields["indicators"]
        indicators.queryset = indicators.queryset.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        parent = self.fields["parent"]
        parents = plan.goals.order_by("code")
        if self.instance.pk:  # not under itself or one of its sub-goals
            parents = parents.exclude(pk__in=_self_and_below(self.instance))
        parent.queryset = parents  # type: ignore[attr-defined]
        parent.empty_label = _("– inget (högsta nivån)")  # type: ignore[attr-defined]
        parent.help_text = _("Målets nivå följer: en nivå under det överordnade målet.")
        self.fields["agenda2030_targets"].widget.choices = agenda2030_choices()
        self.fields["agenda2030_targets"].help_text = _(
            "Skriv i sökrutan för att hitta delmålet. Håll ned Ctrl (Cmd på Mac) för att välja "
            "flera."
        )


def _self_and_below(goal: Goal) -> list[int]:
    found, frontier = [goal.pk], [goal.pk]
    while frontier:
        frontier = list(Goal.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        found += frontier
    return found


class GoalCreateForm(GoalForm):
    """A new goal: its code in the plan, then the same fields as when editing."""

    code = forms.CharField(
        label=_("Kod"), max_length=50, help_text=_("Unik i planen, t.ex. M2.3 eller 1.2.")
    )

    field_order = ["code", "title", "parent"]


class SubtreeDistributeForm(forms.Form):
    """Several goals to every unit of a subtree, down to a chosen level."""

    goals = forms.ModelMultipleChoiceField(
        label=_("Mål att fördela"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    root = forms.ChoiceField(
        label=_("Till hela underträdet under"),
        help_text=_(
            "Alla enheter under den här, ned till och med nivån du väljer nedan, får målen."
        ),
    )
    lowest_level = forms.ChoiceField(label=_("Ned till och med nivån"), choices=Level.choices)

    def __init__(self, *args: object, goals: object, nodes: list[Node], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["goals"].queryset = goals  # type: ignore[attr-defined]
        self.fields["goals"].label_from_instance = lambda g: f"{g.code} {g.title}"  # type: ignore[attr-defined]
        self.fields["root"].choices = [  # type: ignore[attr-defined]
            (n.code, f"{'– ' * (n.depth - 1)}{n.name}") for n in nodes
        ]
        self.fields["lowest_level"].initial = Level.UNIT
