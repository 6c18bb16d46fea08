"""Django admin for data stewards: organisations, nodes, role grants, reorganisations."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from nettonoll.organisations.models import (
    Headcount,
    Node,
    NodeMapping,
    Organisation,
    Reorganisation,
    RoleGrant,
)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Node)
class NodeAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(Node)
    list_display = ("name", "code", "level", "organisation", "valid_from", "valid_to")
    list_filter = ("organisation", "level")
    search_fields = ("code", "name")


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "node")
    list_filter = ("role", "node__organisation")
    search_fields = ("user__username", "node__name", "node__code")
    autocomplete_fields = ("user", "node")


class NodeMappingInline(admin.TabularInline):
    model = NodeMapping
    extra = 0
    autocomplete_fields = ("old_node", "new_node")


@admin.register(Reorganisation)
class ReorganisationAdmin(SimpleHistoryAdmin):
    list_display = ("effective_on", "kind", "organisation", "description")
    list_filter = ("kind", "organisation")
    inlines = [NodeMappingInline]


@admin.register(Headcount)
class HeadcountAdmin(SimpleHistoryAdmin):
    list_display = ("node", "year", "employees", "source")
    list_filter = ("node__organisation", "year")
    search_fields = ("node__code", "node__name")
