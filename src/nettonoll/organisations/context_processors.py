"""The request's access layer in every template, as `access`."""

from django.http import HttpRequest

from nettonoll.organisations.access import Access, access_of


def access(request: HttpRequest) -> dict[str, Access]:
    return {"access": access_of(request)}
