"""The browsable API for logged-in users, with the raw JSON form only: DRF's HTML forms would
list every choice of a related field, and the API's JSON is what scripts send anyway."""

from typing import Any

from rest_framework.renderers import BrowsableAPIRenderer


class RawFormsBrowsableAPIRenderer(BrowsableAPIRenderer):
    def get_rendered_html_form(self, data: Any, view: Any, method: str, request: Any) -> Any:
        return None
