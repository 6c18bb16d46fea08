"""The common app."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "nettonoll.common"
    label = "common"
