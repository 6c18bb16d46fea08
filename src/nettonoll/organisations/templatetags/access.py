"""Template filters of the access layer: show a link only to those who may follow it."""

from django import template

from nettonoll.organisations.access import Access
from nettonoll.organisations.models import Node

register = template.Library()


@register.filter
def can_view(access: Access, node: Node | None) -> bool:
    """`{% if access|can_view:node %}`: the user may open pages about the node."""
    return isinstance(access, Access) and access.can_view(node)
