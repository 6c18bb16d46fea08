"""Forms of the estate pages: the units' area shares of a building (all at once), a supplier
column template, a supplier's file and a degree-day file."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nettonoll.common.fields import UploadField
from nettonoll.estate.models import Carrier, SupplierTemplate
from nettonoll.organisations.models import Node

EXTRA_ROWS = 3


class ShareRowForm(forms.Form):
    # as wide as the page allows: at 400 px the share beside it stays on screen
    node = forms.ChoiceField(
        label=_("Enhet"),
        required=False,
        widget=forms.Select(attrs={"style": "width: min(22rem, 58vw)"}),
    )
    share_pct = forms.DecimalField(
        label=_("Andel av ytan (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )

    def __init__(self, *args: Any, nodes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [("", _("– ingen –")), *nodes]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("node") and data.get("share_pct") is None and not self.errors:
            self.add_error("share_pct", _("Ange enhetens andel (0 tar bort den)."))
        if not data.get("node") and data.get("share_pct"):
            self.add_error("node", _("Välj enheten som har andelen."))
        return data


class BaseShareFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        total = Decimal(0)
        for form in self.forms:
            node = form.cleaned_data.get("node")
            if not node:
                continue
            if node in seen:
                raise forms.ValidationError(_("En enhet finns med två gånger."))
            seen.add(node)
            total += form.cleaned_data.get("share_pct") or 0
        if total > 100:
            raise forms.ValidationError(
                _("Andelarna blir %(total)s %% tillsammans; de får vara högst 100 %%.")
                % {"total": format(total.normalize(), "f").replace(".", ",")}
            )

    def shares(self) -> dict[int, Decimal]:
        return {
            int(f.cleaned_data["node"]): f.cleaned_data["share_pct"] or Decimal(0)
            for f in self.forms
            if f.cleaned_data.get("node")
        }


ShareFormSet = forms.formset_factory(
    ShareRowForm, formset=BaseShareFormSet, extra=EXTRA_ROWS, max_num=200
)


def node_choices(organisation_id: int) -> list[tuple[str, str]]:
    nodes = Node.objects.filter(organisation_id=organisation_id, valid_to__isnull=True)
    return [
        (str(n.pk), f"{'– ' * (n.depth - 1)}{n.name} ({n.code})") for n in nodes.order_by("path")
    ]


class SupplierTemplateForm(forms.Form):
    name = forms.SlugField(
        label=_("Kod"),
        max_length=50,
        help_text=_("Till exempel vattenfall (gemener, utan mellanslag)."),
        error_messages={
            "invalid": _(
                "Koden får bara innehålla bokstäver, siffror, bindestreck och understreck, "
                "inga mellanslag."
            )
        },
    )
    title = forms.CharField(label=_("Namn"), max_length=200)
    building_column = forms.CharField(
        label=_("Kolumn med byggnadskod"),
        max_length=100,
        help_text=_("Rubriken i leverantörens fil, till exempel Anläggnings-ID."),
    )
    month_column = forms.CharField(
        label=_("Kolumn med månad"),
        max_length=100,
        help_text=_("Månaden får stå som 2024-01, jan-24, januari 2024 eller ett datum."),
    )
    kwh_column = forms.CharField(label=_("Kolumn med energi"), max_length=100)
    unit = forms.ChoiceField(
        label=_("Enhet för energin"), choices=[("kWh", "kWh"), ("MWh", "MWh")], initial="kWh"
    )
    carrier_column = forms.CharField(
        label=_("Kolumn med energibärare"), max_length=100, required=False
    )
    carrier = forms.ChoiceField(
        label=_("Fast energibärare"),
        choices=[("", _("– står i filen –")), *Carrier.choices],
        required=False,
        help_text=_("När filen inte har någon kolumn med energibärare, till exempel fjärrvärme."),
    )
    share_column = forms.CharField(
        label=_("Kolumn med temperaturberoende andel"), max_length=100, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("carrier_column") and not data.get("carrier"):
            self.add_error(
                "carrier", _("Ange kolumnen med energibärare eller en fast energibärare.")
            )
        return data


class SupplierImportForm(forms.Form):
    template = forms.ChoiceField(label=_("Kolumnmall"))
    file = UploadField(
        label=_("Leverantörens fil (CSV eller XLSX)"),
        help_text=_("Semikolon eller komma, decimalkomma, UTF-8 eller Windows-1252."),
    )

    def __init__(self, *args: Any, templates: list[SupplierTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.name, t.title) for t in templates]  # type: ignore[attr-defined]


class DegreeDayImportForm(forms.Form):
    file = UploadField(
        label=_("Fil med graddagar (CSV eller XLSX)"),
        help_text=_("Semikolon eller komma, UTF-8 eller Windows-1252."),
    )


class OverviewForm(forms.Form):
    base_year = forms.TypedChoiceField(label=_("Basår"), coerce=int, required=False)
