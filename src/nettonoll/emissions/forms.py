"""Forms of the klimatbokslut pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.calc.mappings import MAPPINGS
from nettonoll.common import fields as numbers
from nettonoll.common.fields import UploadField


class ActivityImportForm(forms.Form):
    file = UploadField(
        label=_("Fil med verksamhetsdata (CSV eller XLSX)"),
        help_text=_(
            "Kolumner: org_unit, category, period, quantity, unit (valfritt source_ref, note). "
            "Period: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD. Semikolon med decimalkomma eller komma med "
            "decimalpunkt. Stora filer läses in i bakgrunden medan du ser hur det går."
        ),
        limit_setting="NETTONOLL_MAX_ACTIVITY_UPLOAD_BYTES",
    )
    mapping = forms.ChoiceField(
        label=_("Filens format"),
        required=False,
        choices=[
            ("", _("Nettonolls standardkolumner")),
            *[(m.name, m.title) for m in MAPPINGS.values()],
        ],
    )
    accounts = UploadField(
        label=_("Kontotabell (bara för huvudboken, valfri)"),
        required=False,
        help_text=_(
            "CSV med kolumnerna konto_från, konto_till, inköpsgrupp, kategori. Kategorin "
            "”-” betyder att kontot inte ger några utsläpp (löner, intäkter). Utan egen tabell "
            "används exempeltabellen per kontoklass."
        ),
    )
    replace = forms.BooleanField(label=_("Ersätt en tidigare import av samma fil"), required=False)


class FactorForm(forms.Form):
    category = forms.CharField(
        label=_("Kategori"), max_length=100, help_text=_("T.ex. electricity.own_contract")
    )
    valid_year = forms.IntegerField(label=_("Gäller från år"), min_value=1990, max_value=2100)
    factor = numbers.FloatField(label=_("Faktor"), localize=True)
    unit = forms.CharField(label=_("Enhet"), max_length=40, help_text=_("T.ex. g CO2e/kWh"))
    scope = forms.TypedChoiceField(
        label=_("Scope"), choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int
    )
    publisher = forms.CharField(label=_("Utgivare"), max_length=200)
    title = forms.CharField(label=_("Källa (titel)"), max_length=300)
    year = forms.IntegerField(label=_("Utgivningsår"), required=False)
    link = forms.URLField(label=_("Länk"), required=False, assume_scheme="https")


class HeadcountForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    employees = numbers.DecimalField(
        label=_("Antal anställda (årsarbetare)"), min_value=1, max_digits=9, decimal_places=0
    )
    source = forms.CharField(
        label=_("Källa"), max_length=200, required=False, help_text=_("T.ex. personalsystemet")
    )
