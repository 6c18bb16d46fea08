"""The energy-efficiency measure's form: the building among those the user may change, the
activity among those of the node's part of the tree, numbers in Swedish."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.common import fields as numbers
from nettonoll.common.records import add_version_field
from nettonoll.energy_feedback.models import EnergyMeasure
from nettonoll.estate.models import Building
from nettonoll.plans.models import Activity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BuildingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.building_code} {obj.name} ({obj.node.name})"


class ActivityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.node.name})"


class MeasureForm(forms.ModelForm):
    expected_saving_kwh_per_year = numbers.DecimalField(
        label=_("Förväntad besparing (kWh/år)"),
        max_digits=14,
        decimal_places=0,
        min_value=0,
        localize=True,
        error_messages={
            "max_decimal_places": _("Ange besparingen i hela kWh per år, utan decimaler."),
            "min_value": _("Besparingen kan inte vara negativ."),
            "invalid": _("Skriv besparingen som ett tal i kWh per år, t.ex. 12 500."),
        },
    )

    class Meta:
        model = EnergyMeasure
        fields = (
            "building",
            "title",
            "carrier",
            "expected_saving_kwh_per_year",
            "implemented_on",
            "activity",
            "note",
        )
        widgets = {"implemented_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self,
        *args: Any,
        buildings: list[Building],
        activities: list[Activity],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["building"] = BuildingChoice(
            queryset=Building.objects.filter(pk__in=[b.pk for b in buildings])
            .select_related("node")
            .order_by("building_code"),
            label=_("Byggnad"),
        )
        self.fields["activity"] = ActivityChoice(
            queryset=Activity.objects.filter(pk__in=[a.pk for a in activities])
            .select_related("node")
            .order_by("title"),
            label=_("Aktivitet"),
            required=False,
            help_text=_("Aktiviteten i en plan som åtgärden genomför (valfritt)."),
        )
        self.fields["title"].label = _("Åtgärd")
        add_version_field(self, self.instance.version if self.instance.pk else 0)
