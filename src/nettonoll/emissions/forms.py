"""Forms of the klimatbokslut pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.calc.categories import SCOPE3_CATEGORIES
from nettonoll.calc.mappings import MAPPINGS, read_account_table, read_value_table
from nettonoll.common import fields as numbers
from nettonoll.common.fields import UploadField
from nettonoll.common.problems import Rejected, problem_texts
from nettonoll.common.records import add_version_field
from nettonoll.common.templatetags.categories import scope3_label

# the shipped templates' titles in the user's language (calc has no gettext)
MAPPING_TITLES = {
    "resebyra": _("Resebyråns reseexport (kostnadsställe, resedatum, färdmedel, personkilometer)"),
    "drivmedelskort": _(
        "Drivmedelskortens transaktioner (kostnadsställe, datum, produkt, volym i liter)"
    ),
    "energifaktura": _(
        "Energibolagets fakturaunderlag (kostnadsställe, period, energislag, förbrukning, enhet)"
    ),
    "avfall": _(
        "Avfallsentreprenörens rapport (kostnadsställe, tömningsdatum, fraktion, vikt, enhet)"
    ),
    "livsmedel": _(
        "Livsmedelsgrossistens inköpsstatistik (kostnadsställe, leveransdatum, varugrupp, "
        "kvantitet, enhet)"
    ),
    "medicinska_gaser": _(
        "Leveranser av medicinska gaser och anestesigaser (kostnadsställe, leveransdatum, "
        "produkt, mängd, enhet)"
    ),
    "huvudbok": _(
        "Huvudboken per konto (konto, ansvar, period, belopp i kronor) med en tabell konto → "
        "inköpsgrupp"
    ),
}
MAPPING_CHOICES: list[tuple[str, Any]] = [
    ("", _("Nettonolls standardkolumner")),
    *[(m.name, MAPPING_TITLES.get(m.name, m.title)) for m in MAPPINGS.values()],
]


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
        choices=MAPPING_CHOICES,
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

    def __init__(self, *args: Any, own: list[tuple[str, Any]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if own:  # the organisation's own templates after Nettonoll's
            field = self.fields["mapping"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [*MAPPING_CHOICES, *own]


class FactorForm(forms.Form):
    category = forms.CharField(
        label=_("Kategori"),
        max_length=100,
        help_text=_(
            "Välj en kategori i listan (namnet visas, koden sparas) eller skriv en egen kod, "
            "t.ex. electricity.own_contract"
        ),
        widget=forms.TextInput(attrs={"list": "category-list", "autocomplete": "off"}),
    )
    valid_year = forms.IntegerField(label=_("Gäller från år"), min_value=1990, max_value=2100)
    factor = numbers.FloatField(label=_("Faktor"), localize=True)
    unit = forms.CharField(label=_("Enhet"), max_length=40, help_text=_("T.ex. g CO2e/kWh"))
    scope = forms.TypedChoiceField(
        label=_("Scope"), choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int
    )
    scope3_category = forms.TypedChoiceField(
        label=_("Scope 3-kategori (GHG-protokollet)"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Bara för scope 3."),
    )
    publisher = forms.CharField(label=_("Utgivare"), max_length=200)
    title = forms.CharField(label=_("Källa (titel)"), max_length=300)
    year = forms.IntegerField(label=_("Utgivningsår"), required=False)
    link = forms.URLField(label=_("Länk"), required=False, assume_scheme="https")

    def __init__(self, *args: object, version: int = 0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_version_field(self, version)
        field = self.fields["scope3_category"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "–"), *[(n, scope3_label(n)) for n in SCOPE3_CATEGORIES]]

    def clean(self) -> dict[str, Any]:
        values = super().clean() or {}
        if values.get("scope3_category") and values.get("scope") != 3:
            self.add_error("scope3_category", _("En scope 3-kategori anges bara för scope 3."))
        return values


class GwpSetForm(forms.Form):
    gwp_set = forms.ChoiceField(
        label=_("GWP-uppsättning"),
        choices=[
            ("AR5", _("AR5 (IPCC 2013) – som Sveriges nationella klimatrapportering")),
            ("AR6", _("AR6 (IPCC 2021)")),
            ("AR4", _("AR4 (IPCC 2007) – äldre redovisningar")),
        ],
        help_text=_(
            "Omräknar medicinska gaser och andra gaser till CO2e. Ett byte gör en ny version "
            "av faktoruppsättningen och räknar om hela klimatbokslutet."
        ),
    )


class HeadcountForm(forms.Form):
    def __init__(self, *args: object, version: int = 0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_version_field(self, version)

    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    employees = numbers.DecimalField(
        label=_("Antal anställda (årsarbetare)"), min_value=1, max_digits=9, decimal_places=0
    )
    source = forms.CharField(
        label=_("Källa"), max_length=200, required=False, help_text=_("T.ex. personalsystemet")
    )


class ColumnMappingForm(forms.Form):
    """An organisation's own column-mapping template. Source column names as in the file's
    header (case does not matter)."""

    name = forms.SlugField(
        label=_("Kod"),
        max_length=50,
        help_text=_("Används i importformuläret och med --mapping, t.ex. vattenfall-el."),
    )
    title = forms.CharField(label=_("Namn"), max_length=200)
    org_unit_column = forms.CharField(label=_("Kolumn med enhetskod (org_unit)"), max_length=100)
    period_column = forms.CharField(label=_("Kolumn med period eller datum"), max_length=100)
    quantity_column = forms.CharField(label=_("Kolumn med mängd"), max_length=100)
    unit_column = forms.CharField(label=_("Kolumn med enhet"), max_length=100, required=False)
    unit_constant = forms.CharField(
        label=_("… eller samma enhet på alla rader"),
        max_length=40,
        required=False,
        help_text=_("T.ex. kWh, l eller SEK."),
    )
    source_ref_column = forms.CharField(
        label=_("Kolumn med verifikation eller referens (valfri)"), max_length=100, required=False
    )
    category_column = forms.CharField(
        label=_("Kolumn som anger kategorin"), max_length=100, required=False
    )
    categories_text = forms.CharField(
        label=_("Värden i den kolumnen → kategori"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "En rad per värde: värde;kategori, t.ex. Fjärrvärme Krokom;district_heating.krokom. "
            "Värden som redan är kategorikoder behöver inte anges."
        ),
    )
    category_constant = forms.CharField(
        label=_("… eller samma kategori på alla rader"), max_length=100, required=False
    )
    account_column = forms.CharField(
        label=_("… eller kolumn med konto (huvudbok)"), max_length=100, required=False
    )
    account_table = forms.CharField(
        label=_("Kontotabell"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "CSV med rubrikraden konto_från;konto_till;inköpsgrupp;kategori. Kategorin ”-” "
            "betyder att kontot inte ger några utsläpp."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_version_field(self, 0)  # a new template; changing one by its code asks to confirm

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).lower()
        if name in MAPPINGS:
            raise forms.ValidationError(
                _("Koden %(name)s används redan av en av Nettonolls mallar.") % {"name": name}
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("unit_column") and not data.get("unit_constant"):
            self.add_error("unit_constant", _("Ange kolumnen med enhet eller en fast enhet."))
        ways = [
            bool(data.get(k)) for k in ("category_column", "category_constant", "account_column")
        ]
        if sum(ways) != 1:
            self.add_error(
                "category_column",
                _(
                    "Ange precis ett sätt att få kategorin: en kolumn, en fast kategori eller en "
                    "kolumn med konto."
                ),
            )
        values, problems = read_value_table(data.get("categories_text", ""))
        for problem in problem_texts(problems):
            self.add_error("categories_text", problem)
        data["categories"] = values
        if data.get("account_column"):
            try:
                read_account_table(str(data.get("account_table", "")).encode("utf-8"))
            except Rejected as rejected:
                for problem in problem_texts(rejected):
                    self.add_error("account_table", problem)
        return data


class YearClosingForm(forms.Form):
    """Close a klimatbokslut year ("fastställ") or reopen it."""

    def __init__(self, *args: object, version: int = 0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_version_field(self, version)

    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    closed = forms.TypedChoiceField(
        label=_("Fastställt"),
        choices=[("1", _("Fastställ året")), ("0", _("Öppna året igen"))],
        coerce=lambda value: value == "1",
        initial="1",
    )


class ReportedTotalForm(forms.Form):
    """A total reported for a year (e.g. from an old klimatbokslut), per scope and, where known,
    per category, with the document it comes from. Changing one keeps its year, scope and
    category (another of those is another row: remove this one and add that)."""

    def __init__(
        self,
        *args: object,
        version: int = 0,
        editing: bool = False,
        categories: dict[str, str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        add_version_field(self, version)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        empty = ("", _("– utan kategori (hela scopet eller resten av det) –"))
        field.choices = [empty, *(categories or {}).items()]
        if editing:
            for name in ("year", "scope", "category"):
                self.fields[name].disabled = True

    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    scope = forms.TypedChoiceField(
        label=_("Scope"), choices=[(s, str(s)) for s in (1, 2, 3)], coerce=int
    )
    category = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        help_text=_(
            "Välj kategorin när dokumentet redovisar den för sig; annars gäller summan hela "
            "scopet eller resten av det."
        ),
    )
    t_co2e = numbers.FloatField(label=_("Ton CO2e"), min_value=0, max_value=1e10, localize=True)
    source = forms.CharField(
        label=_("Källa"),
        max_length=300,
        help_text=_("Dokumentet summan kommer från, t.ex. Klimatbokslut 2011, s. 4."),
    )


class HistoricalTotalsImportForm(forms.Form):
    file = UploadField(
        label=_("Fil (CSV eller XLSX)"),
        help_text=_(
            "Kolumner: year, scope, category, t_co2e, source. Semikolon eller komma, UTF-8 "
            "eller Windows-1252."
        ),
    )
