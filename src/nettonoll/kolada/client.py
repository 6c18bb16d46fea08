"""Kolada's API v3 over HTTP: a KPI's metadata and its values for one municipality or region,
every page followed. Shapes checked here; nothing is stored (see `services`).

Endpoints used (docs/kolada.md says where they were found):
    GET {base}/kpi/{kpi_id}                                   → {"values": [kpi], "count": n}
    GET {base}/municipality/{id}              → {"values": [{"id", "title", "type"}], "count": n}
    GET {base}/data/kpi/{kpi_id}/municipality/{municipality}  → {"values": [{"kpi", "municipality",
        "period", "values": [{"gender": "T|K|M", "value", "count", "status"}]}], "count",
        "next_page"}
The next page is named by `next_page` (a full URL); `next_url` is accepted too [verify]."""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

MAX_PAGES = 100  # a KPI for one municipality is a few dozen rows; more pages is a loop
MAX_BYTES = 20 * 1024 * 1024


class KoladaError(Exception):
    """Kolada could not be read; the message is for the user (Swedish)."""


class KoladaUnavailable(KoladaError):
    """No answer: the network, the name, a timeout or an HTTP error."""


class KoladaBadAnswer(KoladaError):
    """An answer that is not what API v3 sends."""


@dataclass(frozen=True)
class KoladaValue:
    """One value of a KPI: a year, a gender (T total, K women, M men), the value (None: none
    published, e.g. for confidentiality) and Kolada's status text."""

    year: int
    gender: str
    value: Decimal | None
    status: str


def base_url() -> str:
    return str(settings.NETTONOLL_KOLADA_URL).rstrip("/")


def _get(url: str) -> dict[str, Any]:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise KoladaUnavailable(
            _("Adressen till Kolada måste börja med https:// (NETTONOLL_KOLADA_URL): %(url)s")
            % {"url": url}
        )
    request = urllib.request.Request(  # noqa: S310 (http or https, checked above)
        url, headers={"Accept": "application/json", "User-Agent": "Nettonoll"}
    )
    timeout = float(settings.NETTONOLL_KOLADA_TIMEOUT_SECONDS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise KoladaBadAnswer(
                _("Kolada känner inte till adressen %(url)s (svar 404).") % {"url": url}
            ) from error
        raise KoladaUnavailable(
            _("Kolada svarade med fel %(code)s på %(url)s.") % {"code": error.code, "url": url}
        ) from error
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise KoladaUnavailable(
            _("Kolada gick inte att nå (%(url)s): %(reason)s.") % {"url": url, "reason": reason}
        ) from error
    if len(body) > MAX_BYTES:
        raise KoladaBadAnswer(_("Kolada svarade med för mycket data på %(url)s.") % {"url": url})
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise KoladaBadAnswer(
            _("Kolada svarade inte med JSON på %(url)s.") % {"url": url}
        ) from error
    if not isinstance(answer, dict) or not isinstance(answer.get("values"), list):
        raise KoladaBadAnswer(
            _("Kolada svarade på %(url)s utan listan ”values” som API v3 ska ge.") % {"url": url}
        )
    return answer


def _bad(url: str, what: str) -> KoladaBadAnswer:
    return KoladaBadAnswer(
        _("Kolada svarade på %(url)s med något oväntat: %(what)s.") % {"url": url, "what": what}
    )


def kpi_get(kpi_id: str) -> dict[str, Any]:
    """The KPI's metadata as Kolada sends it (one object with at least `id` and `title`)."""
    url = f"{base_url()}/kpi/{urllib.parse.quote(kpi_id)}"
    answer = _get(url)
    found = [k for k in answer["values"] if isinstance(k, dict) and k.get("id") == kpi_id]
    if not found:
        raise KoladaBadAnswer(_("Kolada har inget nyckeltal %(kpi)s.") % {"kpi": kpi_id})
    kpi = found[0]
    if not isinstance(kpi.get("title"), str) or not kpi["title"].strip():
        raise _bad(url, _("nyckeltalet saknar titel"))
    return kpi


def municipality_name(municipality_id: str) -> str:
    """The name Kolada gives a municipality or region id (1780 → Karlstad)."""
    url = f"{base_url()}/municipality/{urllib.parse.quote(municipality_id)}"
    answer = _get(url)
    for row in answer["values"]:
        if isinstance(row, dict) and str(row.get("id")) == municipality_id:
            return str(row.get("title") or "")
    raise KoladaBadAnswer(
        _("Kolada har ingen kommun eller region med id %(id)s.") % {"id": municipality_id}
    )


def _decimal(raw: object, url: str) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _bad(url, _("ett värde är inte ett tal"))
    try:
        value = Decimal(str(raw))
    except InvalidOperation as error:
        raise _bad(url, _("ett värde är inte ett tal")) from error
    if not value.is_finite():
        raise _bad(url, _("ett värde är inte ett tal"))
    return value


def _values_of(answer: dict[str, Any], kpi_id: str, municipality_id: str, url: str):
    for row in answer["values"]:
        if not isinstance(row, dict) or not isinstance(row.get("values"), list):
            raise _bad(url, _("en rad saknar sina värden"))
        if str(row.get("kpi", kpi_id)) != kpi_id:
            raise _bad(url, _("en rad gäller ett annat nyckeltal"))
        if str(row.get("municipality", municipality_id)) != municipality_id:
            raise _bad(url, _("en rad gäller en annan kommun eller region"))
        period = row.get("period")
        if isinstance(period, bool) or not str(period).isdecimal():
            raise _bad(url, _("en rad saknar år"))
        year = int(str(period))
        if not 1900 <= year <= 2200:
            raise _bad(url, _("ett år ligger utanför 1900–2200"))
        for cell in row["values"]:
            if not isinstance(cell, dict) or cell.get("gender") not in ("T", "K", "M"):
                raise _bad(url, _("ett värde saknar kön (T, K eller M)"))
            yield KoladaValue(
                year=year,
                gender=cell["gender"],
                value=_decimal(cell.get("value"), url),
                status=str(cell.get("status") or "")[:40],
            )


def values_get(kpi_id: str, municipality_id: str) -> list[KoladaValue]:
    """Every value of the KPI for the municipality or region, all pages followed."""
    first = (
        f"{base_url()}/data/kpi/{urllib.parse.quote(kpi_id)}"
        f"/municipality/{urllib.parse.quote(municipality_id)}"
    )
    url: str | None = first
    values: list[KoladaValue] = []
    seen: set[str] = set()
    while url:
        if url in seen or len(seen) >= MAX_PAGES:
            raise _bad(first, _("sidorna tar aldrig slut"))
        seen.add(url)
        answer = _get(url)
        values.extend(_values_of(answer, kpi_id, municipality_id, url))
        following = answer.get("next_page") or answer.get("next_url")
        if following is not None and not isinstance(following, str):
            raise _bad(url, _("länken till nästa sida är inte en adress"))
        url = urllib.parse.urljoin(url, following) if following else None
    return values
