"""`{% load home %}{% home_url %}`: where the home button leads the signed-in user."""

from django import template
from django.urls import reverse

from nettonoll.organisations.access import access_of

register = template.Library()


@register.simple_tag(takes_context=True)
def home_url(context: template.Context) -> str:
    """The page of the user's own unit (their strongest grant); with several such grants, the
    organisation's start when they are all in one, otherwise the start page listing them."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return reverse("home")
    access = access_of(request)
    node = access.home_node()
    if node is not None:
        return reverse("organisations:node", args=[node.organisation.code, node.code])
    organisations = {g.node.organisation.code for g in access.grants}
    if len(organisations) == 1:
        return reverse("organisations:tree", args=[organisations.pop()])
    return reverse("home")
