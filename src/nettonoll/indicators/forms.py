"""Forms for indicators."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.common import fields as numbers
from nettonoll.common.metrics import metrics_declared
from nettonoll.common.records import add_version_field
from nettonoll.indicators.models import Direction


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    unit = forms.CharField(
        label=_("Enhet"), max_length=40, help_text=_("T.ex. t CO2e, MWh, %, st.")
    )
    direction = forms.ChoiceField(label=_("Riktning"), choices=Direction.choices)
    baseline_year = forms.IntegerField(label=_("Basår"), min_value=1990, max_value=2100)
    baseline_value = numbers.DecimalField(
        label=_("Basvärde"),
        max_digits=16,
        decimal_places=3,
        localize=True,
        required=False,
        help_text=_(
            "Lämnas tomt när värdena kommer från en källa: då är basvärdet källans värde för "
            "varje enhet under basåret."
        ),
    )
    targets = forms.CharField(
        label=_("Målvärden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ett per rad: år;värde, t.ex. 2030;50"),
    )
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    metric_key = forms.ChoiceField(
        label=_("Värdena kommer från"),
        required=False,
        help_text=_("En källa räknar fram värdena per enhet och år; annars läggs de in för hand."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["metric_key"].choices = [  # type: ignore[attr-defined]
            ("", _("Läggs in för hand")),
            *((m.key, m.label) for m in metrics_declared()),
        ]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        typed_by_hand = not cleaned.get("metric_key") and not self.fields["baseline_value"].disabled
        if (
            typed_by_hand
            and cleaned.get("baseline_value") is None
            and "baseline_value" not in self.errors
        ):
            self.add_error("baseline_value", _("Skriv basvärdet: värdena läggs in för hand."))
        return cleaned

    def clean_targets(self) -> list[tuple[int, float]]:
        targets = []
        for number, line in enumerate(self.cleaned_data["targets"].splitlines(), start=1):
            if not line.strip():
                continue
            year, sep, value = line.partition(";")
            try:
                targets.append(
                    (int(year.strip()), Decimal(value.strip().replace(",", ".").replace(" ", "")))
                )
            except (ValueError, InvalidOperation) as exc:
                raise forms.ValidationError(
                    _("Rad %(n)d: skriv år;värde.") % {"n": number}
                ) from exc
            if not sep:
                raise forms.ValidationError(_("Rad %(n)d: skriv år;värde.") % {"n": number})
        return targets  # type: ignore[return-value]


class ValueForm(forms.Form):
    node = forms.ChoiceField(label=_("Enhet"))
    year = forms.IntegerField(
        label=_("År"),
        min_value=1990,
        max_value=2100,
        initial=lambda: datetime.date.today().year - 1,
    )
    value = numbers.DecimalField(label=_("Värde"), max_digits=16, decimal_places=3, localize=True)
    comment = forms.CharField(label=_("Kommentar"), max_length=300, required=False)

    def __init__(
        self, *args: object, nodes: list[tuple[str, str]], version: int = 0, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["node"].choices = nodes  # type: ignore[attr-defined]
        add_version_field(self, version)
