"""Forms of the budgets app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.budgets.models import CarbonBudget
from nettonoll.budgets.selectors.county import county_list
from nettonoll.common import fields as numbers
from nettonoll.common.records import add_version_field

BUDGET_FIELDS = [
    "derivation",
    "convention",
    "start_year",
    "county_code",
    "net_zero_year",
    "decided_budget_t",
    "decision_reference",
    "reduction_base_year",
    "reduction_pct",
    "reduction_year",
]


class CarbonBudgetForm(forms.ModelForm):
    """The budget's derivation: tried out with GET (nothing saved), adopted with POST."""

    decided_budget_t = numbers.FloatField(
        label=_("Beslutad budget (ton CO2e)"),
        required=False,
        localize=True,
        help_text=_("Bara för härledning (d)."),
    )

    class Meta:
        model = CarbonBudget
        fields = BUDGET_FIELDS
        widgets = {"derivation": forms.RadioSelect}

    def __init__(self, *args: object, version: int | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if version is None:
            version = self.instance.version if self.instance.pk else 0
        add_version_field(self, version)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, zero = data.get("start_year"), data.get("net_zero_year")
        if isinstance(start, int) and not 1990 <= start <= 2100:
            self.add_error("start_year", _("Ange ett startår mellan 1990 och 2100."))
        if isinstance(zero, int) and zero > 2100:
            self.add_error("net_zero_year", _("Ange ett år för netto noll senast 2100."))
        elif isinstance(start, int) and isinstance(zero, int) and zero <= start:
            self.add_error("net_zero_year", _("Året för netto noll måste komma efter startåret."))
        for name in ("reduction_base_year", "reduction_year"):
            year = data.get(name)
            if isinstance(year, int) and not 1990 <= year <= 2100:
                self.add_error(name, _("Ange ett år mellan 1990 och 2100."))
        decided = data.get("decided_budget_t")
        if isinstance(decided, float) and not (0 < decided < 1e15):
            self.add_error("decided_budget_t", _("Budgeten ska vara ett positivt antal ton."))
        elif data.get("derivation") == "decided" and not decided:
            self.add_error("decided_budget_t", _("Ange den beslutade budgeten i ton CO2e."))
        county = str(data.get("county_code") or "").strip()
        if county and county not in known_counties():
            self.add_error("county_code", _("Okänd länskod %(code)s.") % {"code": county})
        if data.get("derivation") == "county-rate" and not county:
            self.add_error("county_code", _("Ange länet vars minskningstakt ska användas."))
        pct = data.get("reduction_pct")
        if isinstance(pct, int) and pct > 100:
            self.add_error("reduction_pct", _("Minskningen kan vara högst 100 %."))
        return data


def known_counties() -> set[str]:
    return {row.code for row in county_list().counties}
