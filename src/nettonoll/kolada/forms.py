"""The form to follow a Kolada KPI."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SelectionForm(forms.Form):
    kpi_id = forms.CharField(
        label=_("Nyckeltal (id i Kolada)"),
        max_length=20,
        help_text=_("En bokstav och fem siffror, t.ex. N00401 (utsläpp av växthusgaser)."),
    )
    municipality_id = forms.CharField(
        label=_("Kommun eller region (id i Kolada)"),
        max_length=4,
        help_text=_("Fyra siffror, t.ex. 1780 för Karlstad eller 0017 för Region Värmland."),
    )
    indicator_name = forms.CharField(
        label=_("Indikator som ska matas (valfritt)"),
        max_length=200,
        required=False,
        help_text=_(
            "Namnet på en befintlig indikator. Tomt: första hämtningen lägger upp en indikator "
            "med nyckeltalets id och titel."
        ),
    )
