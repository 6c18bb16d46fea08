"""Django admin for indicators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from nettonoll.indicators.models import Indicator, IndicatorTarget, IndicatorValue


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "unit", "direction", "organisation")
    inlines = [TargetInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "node", "year", "value")
