"""The form of a building's climate risk for one hazard."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.adaptation.models import ClimateRisk, Consequence, Likelihood
from nettonoll.adaptation.selectors import measure_choices
from nettonoll.common.records import add_version_field
from nettonoll.plans.models import Activity


class MeasureChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        activity: Activity = obj
        return f"{activity.title} ({activity.node.name})"


class RiskForm(forms.ModelForm):
    class Meta:
        model = ClimateRisk
        fields = ("likelihood", "consequence", "vulnerable_use", "note", "measures")
        widgets = {
            "measures": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"measures": MeasureChoice}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measures: Any = self.fields["measures"]
        measures.queryset = measure_choices(self.instance.building)
        for name, choices in (("likelihood", Likelihood), ("consequence", Consequence)):
            field: Any = self.fields[name]
            field.choices = [("", _("Välj 1–4")), *choices.choices]
        add_version_field(self, self.instance.version if self.instance.pk else 0)
