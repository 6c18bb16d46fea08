"""Forms for the tree pages: import, reorganisations."""

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from nettonoll.accounts.models import User
from nettonoll.common.fields import UploadField
from nettonoll.organisations.models import LEVEL_RANK, Level, Organisation, Role


class TreeImportForm(forms.Form):
    file = UploadField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_(
            "Kolumner: code, name, parent_code, level. Nivå: region, förvaltning, avdelning "
            "eller enhet. Semikolon eller komma, UTF-8 eller Windows-1252."
        ),
    )


class NewOrganisationImportForm(TreeImportForm):
    code = forms.SlugField(
        label=_("Organisationens kod"),
        max_length=50,
        help_text=_("Kort kod utan mellanslag, t.ex. RJH."),
    )
    name = forms.CharField(label=_("Organisationens namn"), max_length=200)
    field_order = ["code", "name", "file"]

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if Organisation.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Det finns redan en organisation med den koden."))
        return code


class EffectiveOnField(forms.DateField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            label=_("Gäller från"),
            initial=datetime.date.today,
            widget=forms.DateInput(attrs={"type": "date"}),
            **kwargs,  # type: ignore[arg-type]
        )


class RenameForm(forms.Form):
    name = forms.CharField(label=_("Nytt namn"), max_length=200)
    effective_on = EffectiveOnField()


class MoveForm(forms.Form):
    new_parent = forms.ChoiceField(label=_("Ny överordnad"))
    effective_on = EffectiveOnField()

    def __init__(self, *args: object, parents: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["new_parent"].choices = parents  # type: ignore[attr-defined]


class CreateChildForm(forms.Form):
    code = forms.CharField(label=_("Kod"), max_length=50)
    name = forms.CharField(label=_("Namn"), max_length=200)
    level = forms.ChoiceField(label=_("Nivå"), choices=Level.choices)
    effective_on = EffectiveOnField()

    def __init__(self, *args: object, below: Level, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        allowed = [
            (v, label) for v, label in Level.choices if LEVEL_RANK[Level(v)] > LEVEL_RANK[below]
        ]
        self.fields["level"].choices = allowed  # type: ignore[attr-defined]
        if allowed:
            self.fields["level"].initial = allowed[0][0]


class MergeForm(forms.Form):
    others = forms.MultipleChoiceField(label=_("Slå ihop med"), widget=forms.CheckboxSelectMultiple)
    code = forms.CharField(
        label=_("Kod för den sammanslagna enheten"),
        max_length=50,
        help_text=_("Samma kod som en av enheterna behåller den; en ny kod skapar en ny enhet."),
    )
    name = forms.CharField(label=_("Namn på den sammanslagna enheten"), max_length=200)
    effective_on = EffectiveOnField()

    def __init__(self, *args: object, siblings: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["others"].choices = siblings  # type: ignore[attr-defined]


class SplitForm(forms.Form):
    parts = forms.CharField(
        label=_("Nya enheter"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "En per rad: kod;namn. Minst två. I nästa steg väljer du vilken ny enhet som tar "
            "över varje mål, aktivitet och rad; förvalt är den första."
        ),
    )
    effective_on = EffectiveOnField()

    def clean_parts(self) -> list[tuple[str, str]]:
        parts = []
        for number, line in enumerate(self.cleaned_data["parts"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, name = line.partition(";")
            if not sep or not code.strip() or not name.strip():
                raise forms.ValidationError(_("Rad %(n)d: skriv kod;namn.") % {"n": number})
            parts.append((code.strip(), name.strip()))
        if len(parts) < 2:
            raise forms.ValidationError(_("En delning kräver minst två nya enheter."))
        return parts


class SplitChoicesForm(forms.Form):
    """The second step of a split: for each record of the old node, the part that takes it over
    (field `<carrier>:<id>`; active children as `child:<code>`), the first part preselected."""

    def __init__(
        self,
        *args: object,
        parts: list[tuple[str, str]],
        groups: list[tuple[str, str, list[tuple[str, str]]]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.groups = []
        for key, legend, items in groups:
            names = []
            for item_id, label in items:
                name = f"{key}:{item_id}"
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=parts, initial=parts[0][0], required=False
                )
                names.append(name)
            self.groups.append((legend, [self[name] for name in names]))

    def choices(self) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
        """({carrier: {id: part}}, {child code: part})."""
        chosen: dict[str, dict[str, str]] = {}
        children: dict[str, str] = {}
        for name, value in self.cleaned_data.items():
            key, _sep, item_id = name.partition(":")
            if not value:
                continue  # not sent: the first part, as preselected
            if key == "child":
                children[item_id] = value
            else:
                chosen.setdefault(key, {})[item_id] = value
        return chosen, children


class EndForm(forms.Form):
    successor = forms.ChoiceField(
        label=_("Enhet som tar över"),
        required=False,
        help_text=_(
            "Enhetens mål, aktiviteter, rapporter i öppna omgångar, indikatorvärden, antal "
            "anställda, roller och klimatbokslut flyttas hit. Har enheten sådant kvar måste du "
            "välja en."
        ),
    )
    effective_on = EffectiveOnField()

    def __init__(self, *args: object, successors: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["successor"]
        field.choices = [("", _("– Ingen –")), *successors]  # type: ignore[attr-defined]


class RoleGrantForm(forms.Form):
    person = forms.CharField(
        label=_("Användarnamn eller e-postadress"),
        max_length=254,
        help_text=_("Personen måste ha ett konto i Nettonoll."),
    )
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)

    def clean_person(self) -> User:
        value = self.cleaned_data["person"].strip()
        matches = User.objects.filter(is_active=True).filter(
            models.Q(username__iexact=value) | models.Q(email__iexact=value)
        )
        if matches.count() != 1:
            raise forms.ValidationError(
                _(
                    "Hittar ingen unik aktiv användare med användarnamnet eller "
                    "e-postadressen %(value)s."
                )
                % {"value": value}
            )
        return matches.get()
