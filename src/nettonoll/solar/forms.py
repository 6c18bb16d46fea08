"""The form of the organisation's target for installed solar power."""

from typing import Any

from django import forms
from django.utils.text import capfirst

from nettonoll.common import fields as numbers
from nettonoll.common.records import add_version_field
from nettonoll.solar.models import SolarTarget


class TargetForm(forms.ModelForm):
    target_kwp = numbers.DecimalField(
        label=capfirst(SolarTarget._meta.get_field("target_kwp").verbose_name),
        max_digits=10,
        decimal_places=1,
        min_value=0,
        localize=True,
    )

    class Meta:
        model = SolarTarget
        fields = ("target_kwp", "target_year", "base_year", "note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, self.instance.version if self.instance.pk else 0)
