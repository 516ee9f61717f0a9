"""WSGI entry point: ``gunicorn qaitu.web.wsgi`` or ``qaitu serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")
application = get_wsgi_application()
