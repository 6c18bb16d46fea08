"""The demo app."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "nettonoll.demo"
    label = "demo"
