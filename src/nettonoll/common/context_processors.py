"""Template context every page needs: demo notice and version."""

from django.conf import settings
from django.http import HttpRequest

from nettonoll import __version__


def installation(request: HttpRequest) -> dict[str, object]:
    return {"is_demo": settings.IS_DEMO, "nettonoll_version": __version__}
