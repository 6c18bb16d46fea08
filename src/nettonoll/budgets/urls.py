"""URLs of the budgets app: /org/<org>/koldioxidbudget/ and /lan/."""

from django.urls import URLPattern, path

app_name = "budgets"
urlpatterns: list[URLPattern] = []
