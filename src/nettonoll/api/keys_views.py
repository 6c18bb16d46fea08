"""The API keys pages: every logged-in user's personal keys, and an organisation's service keys
for its administrators. A new key is shown once, on the answer to the form that made it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from nettonoll.accounts.models import User
from nettonoll.organisations.access import NOT_VISIBLE, access_of
from nettonoll.organisations.api_keys import (
    ApiKeyError,
    create_personal_key,
    create_service_key,
    keys_of_user,
    revoke_key,
    service_keys_of,
)
from nettonoll.organisations.models import ApiKey, Organisation, Role

ONLY_ADMINISTRATORS = _("Bara organisationens administratörer kan hantera tjänstenycklar.")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _administered(request: HttpRequest) -> list[Organisation]:
    """The organisations whose service keys the user may manage (administrator at the root)."""
    access = access_of(request)
    organisations = {g.node.organisation for g in access.grants}
    return sorted(
        (o for o in organisations if access.has(access.root(o), Role.ADMINISTRATOR)),
        key=lambda o: o.name,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def personal_keys(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    new_key, error, status = "", "", 200
    if request.method == "POST":
        try:
            _key, new_key = create_personal_key(user, request.POST.get("name", ""))
        except ApiKeyError as refused:
            error, status = str(refused), 400
    return render(
        request,
        "api/personal_keys.html",
        {
            "keys": keys_of_user(user),
            "new_key": new_key,
            "error": error,
            "name": request.POST.get("name", "") if error else "",
            "administered": _administered(request),
        },
        status=status,
    )


@login_required
@require_POST
def personal_key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    key = get_object_or_404(ApiKey, pk=key_id, user=_user(request))
    if revoke_key(key):
        messages.success(request, _("Nyckeln ”%(name)s” är återkallad.") % {"name": key.name})
    return redirect("apikeys:personal")


def _organisation(request: HttpRequest, org_code: str) -> Organisation:
    access = access_of(request)
    organisation = access.organisation(org_code)
    access.require_root(organisation, Role.ADMINISTRATOR, ONLY_ADMINISTRATORS)
    return organisation


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def service_keys(request: HttpRequest, org_code: str) -> HttpResponse:
    organisation = _organisation(request, org_code)
    new_key, error, status = "", "", 200
    if request.method == "POST":
        try:
            _key, new_key = create_service_key(
                organisation, request.POST.get("name", ""), by=_user(request)
            )
        except ApiKeyError as refused:
            error, status = str(refused), 400
    return render(
        request,
        "api/service_keys.html",
        {
            "organisation": organisation,
            "keys": service_keys_of(organisation),
            "new_key": new_key,
            "error": error,
            "name": request.POST.get("name", "") if error else "",
        },
        status=status,
    )


@login_required
@require_POST
def service_key_revoke(request: HttpRequest, org_code: str, key_id: int) -> HttpResponse:
    organisation = _organisation(request, org_code)
    key = ApiKey.objects.filter(pk=key_id, organisation=organisation).first()
    if key is None:
        raise Http404(_(NOT_VISIBLE))
    if revoke_key(key):
        messages.success(request, _("Nyckeln ”%(name)s” är återkallad.") % {"name": key.name})
    return redirect("apikeys:service", organisation.code)
