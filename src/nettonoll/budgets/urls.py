"""URLs of the budgets app: /org/<org>/koldioxidbudget/ and /lan/."""

from django.urls import URLPattern

app_name = "budgets"
urlpatterns: list[URLPattern] = []
