"""Forms of a procurement's requirements: the whole requirement, and its follow-up alone (the
model's rules show on their fields: a result needs the day of the follow-up, which is not in the
future)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.common.records import add_version_field
from nettonoll.procurement.models import Requirement

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FOLLOW_UP_FIELDS = ("followed_up_on", "result", "note")


class _Versioned(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_version_field(self, self.instance.version if self.instance.pk else 0)
        if "result" in self.fields:
            self.fields["result"].help_text = _("Ett resultat kräver datumet för uppföljningen.")


class RequirementForm(_Versioned):
    class Meta:
        model = Requirement
        fields = (
            "requirement_code",
            "description",
            "criterion_id",
            "area",
            "level",
            "placement",
            "follow_up_planned_on",
            *FOLLOW_UP_FIELDS,
        )
        widgets = {
            "follow_up_planned_on": DATE,
            "followed_up_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class FollowUpForm(_Versioned):
    class Meta:
        model = Requirement
        fields = FOLLOW_UP_FIELDS
        widgets = {"followed_up_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}
