"""Django admin for users (data stewards)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from nettonoll.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Nettonoll", {"fields": ("title",)}))
    list_display = ("username", "first_name", "last_name", "email", "is_staff", "is_active")
