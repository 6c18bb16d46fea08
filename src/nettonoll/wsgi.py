"""WSGI entry point for gunicorn (`nettonoll serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nettonoll.settings")
application = get_wsgi_application()
