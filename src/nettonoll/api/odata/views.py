"""The OData v4 feed (read-only): service document, `$metadata` (CSDL XML), entity sets with
`$select`, `$filter`, `$orderby`, `$top`, `$skip`, `$count`, `<EntitySet>/$count`, and
server-driven paging by `@odata.nextLink` with a keyset `$skiptoken`.

Who reads: an API key (`?api_key=`, `X-API-Key` or `Authorization: Bearer`; a service key the
whole organisation, a personal key its user's subtrees) or a logged-in session (the same as the
user's pages). No credentials or a wrong/revoked key: 401; an organisation the caller cannot
see: 404. `$metadata` needs the key too (Power BI sends it with every request)."""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from nettonoll.api.odata import query
from nettonoll.api.odata.schema import ENTITY_TYPES, EntityType, metadata_xml
from nettonoll.api.odata.sources import Scope, source_of
from nettonoll.calc.odata_query import (
    Node,
    ODataQueryError,
    parse_filter,
    parse_orderby,
    properties_of,
)
from nettonoll.organisations.access import Access, access_of
from nettonoll.organisations.api_keys import access_for_key, key_from_raw

ODATA_VERSION = "4.0"
JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8"
SUPPORTED = {"$select", "$filter", "$orderby", "$top", "$skip", "$count", "$skiptoken", "$format"}
DEFAULT_PAGE_SIZE = 5000
MAX_INTEGER = 2**62


class ODataError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def page_size() -> int:
    return int(getattr(settings, "NETTONOLL_ODATA_PAGE_SIZE", DEFAULT_PAGE_SIZE))


def _headers(response: HttpResponse) -> HttpResponse:
    response["OData-Version"] = ODATA_VERSION
    response["Cache-Control"] = "no-store"
    return response


def _json(payload: dict[str, Any], status: int = 200) -> HttpResponse:
    body = json.dumps(
        payload, cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )
    return _headers(HttpResponse(body, status=status, content_type=JSON_TYPE))


def error_response(status: int, message: str) -> HttpResponse:
    """OData's JSON error format, with the Swedish message."""
    response = _json({"error": {"code": str(status), "message": message}}, status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="Nettonoll OData"'
    return response


def _raw_key(request: HttpRequest) -> str | None:
    if request.GET.get("api_key"):
        return request.GET["api_key"]
    if request.headers.get("X-API-Key"):
        return request.headers["X-API-Key"]
    auth = request.headers.get("Authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:]
    return None


def _access(request: HttpRequest) -> Access:
    raw = _raw_key(request)
    if raw is not None:
        key = key_from_raw(raw)
        if key is None:
            raise ODataError(401, _("API-nyckeln är ogiltig eller återkallad."))
        return access_for_key(key)
    if request.user.is_authenticated:
        return access_of(request)
    raise ODataError(
        401,
        _(
            "Ange en API-nyckel: parametern api_key, rubriken X-API-Key eller "
            "Authorization: Bearer <nyckel>."
        ),
    )


def _scope(request: HttpRequest, org: str) -> Scope:
    access = _access(request)
    organisation = access.organisation(org)
    top = access.top_nodes(organisation)
    if not top:
        raise Http404
    return Scope(organisation, top, access.root(organisation))


def odata_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only; errors as OData JSON errors with the OData-Version header."""

    @csrf_exempt  # nothing here writes; a POST gets the feed's 405, not the CSRF page
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, _("Flödet kan bara läsas (GET)."))
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except ODataError as error:
            return error_response(error.status, error.message)
        except ODataQueryError as error:
            return error_response(400, _(error.template) % error.params)
        except Http404:
            return error_response(
                404, _("Organisationen eller mängden finns inte, eller så saknar du behörighet.")
            )

    return wrapped


def _base(request: HttpRequest, org: str) -> str:
    return request.build_absolute_uri(f"/odata/v4/{org}/")


@odata_view
def service(request: HttpRequest, org: str) -> HttpResponse:
    _scope(request, org)
    base = _base(request, org)
    return _json(
        {
            "@odata.context": base + "$metadata",
            "value": [{"name": name, "kind": "EntitySet", "url": name} for name in ENTITY_TYPES],
        }
    )


@odata_view
def metadata(request: HttpRequest, org: str) -> HttpResponse:
    _scope(request, org)
    return _headers(HttpResponse(metadata_xml(), content_type="application/xml;charset=utf-8"))


def _entity(name: str) -> EntityType:
    entity = ENTITY_TYPES.get(name)
    if entity is None:
        raise ODataError(
            404,
            _("Mängden ”%(name)s” finns inte. Mängder: %(valid)s.")
            % {"name": name, "valid": ", ".join(ENTITY_TYPES)},
        )
    return entity


def _integer(request: HttpRequest, option: str) -> int | None:
    raw = request.GET.get(option)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()):  # "²".isdigit() is true, int("²") fails
        raise ODataError(
            400, _("%(option)s ska vara ett heltal 0 eller större.") % {"option": option}
        )
    return min(int(raw), MAX_INTEGER)  # beyond the database's OFFSET/LIMIT: an empty page


def _preferred_size(request: HttpRequest) -> int | None:
    for part in request.headers.get("Prefer", "").split(","):
        name, _eq, value = part.strip().partition("=")
        value = value.strip()
        if name.strip().lower() == "odata.maxpagesize" and value.isascii() and value.isdigit():
            return max(1, int(value))
    return None


def _check_options(request: HttpRequest) -> None:
    for option in request.GET:
        if option.startswith("$") and option not in SUPPORTED:
            raise ODataError(
                400,
                _("Frågealternativet %(option)s stöds inte. Flödet stöder %(valid)s.")
                % {"option": option, "valid": ", ".join(sorted(SUPPORTED - {"$skiptoken"}))},
            )
    if request.GET.get("$format", "json").lower() not in ("json", "application/json"):
        raise ODataError(400, _("Flödet svarar bara med JSON ($format=json)."))


def _filter(request: HttpRequest, entity: EntityType) -> Node | None:
    if not request.GET.get("$filter"):
        return None
    node = parse_filter(request.GET["$filter"], entity.names)
    query.check_types(node, entity)
    return node


@odata_view
def entity_set(request: HttpRequest, org: str, name: str) -> HttpResponse:
    scope = _scope(request, org)  # who asks first: anonymous learns nothing, not even set names
    entity = _entity(name)
    _check_options(request)
    filter_node = _filter(request, entity)
    orders = query.full_order(
        parse_orderby(request.GET["$orderby"], entity.names) if request.GET.get("$orderby") else [],
        entity,
    )
    needs = {o.prop for o in orders} | (properties_of(filter_node) if filter_node else set())
    source = source_of(name, scope, needs)
    selected = entity.names
    if request.GET.get("$select") and request.GET["$select"].strip() != "*":
        selected = [s.strip() for s in request.GET["$select"].split(",")]
        unknown = [s for s in selected if s not in entity.names]
        if unknown:
            raise ODataError(
                400,
                _("Egenskapen ”%(name)s” finns inte. Giltiga egenskaper: %(valid)s.")
                % {"name": unknown[0], "valid": ", ".join(entity.names)},
            )
    top = _integer(request, "$top")
    skip = _integer(request, "$skip") or 0
    token = request.GET.get("$skiptoken")
    after = query.decode_token(token, orders, entity) if token else None
    preferred = _preferred_size(request)
    size = min(preferred, page_size()) if preferred else page_size()
    limit = size if top is None else min(size, top)
    rows = query.page(
        source, entity, query.PageRequest(filter_node, orders, after, skip, limit + 1)
    )
    more = len(rows) > limit
    rows = rows[:limit]
    base = _base(request, org)
    context = base + "$metadata#" + name
    if selected != entity.names:
        context += "(" + ",".join(selected) + ")"
    payload: dict[str, Any] = {"@odata.context": context}
    if request.GET.get("$count", "").lower() == "true":
        payload["@odata.count"] = query.count(source, filter_node)  # before $top and $skip
    if selected != entity.names:
        payload["value"] = [{k: r[k] for k in selected} for r in rows]
    else:
        payload["value"] = rows
    remaining = None if top is None else top - len(rows)
    if more and rows and (remaining is None or remaining > 0):
        last = rows[-1]
        params = {k: v for k, v in request.GET.items() if k not in ("$skip", "$skiptoken", "$top")}
        if remaining is not None:
            params["$top"] = str(remaining)
        params["$skiptoken"] = query.encode_token([last[o.prop] for o in orders])
        payload["@odata.nextLink"] = base + name + "?" + urlencode(params)
    response = _json(payload)
    if preferred:
        response["Preference-Applied"] = f"odata.maxpagesize={size}"
    return response


@odata_view
def entity_count(request: HttpRequest, org: str, name: str) -> HttpResponse:
    scope = _scope(request, org)
    entity = _entity(name)
    filter_node = _filter(request, entity)
    needs = properties_of(filter_node) if filter_node else set()
    total = query.count(source_of(name, scope, needs), filter_node)
    return _headers(HttpResponse(str(total), content_type="text/plain;charset=utf-8"))
