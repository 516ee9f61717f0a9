"""WSGI entry point: ``qaitu serve --production`` (gunicorn) or ``qaitu serve``.

Static files (a few kB of CSS/JS and Plotly's bundle) are served by the application itself
unless ``QAITU_SERVE_STATIC=0`` says a proxy serves ``STATIC_ROOT`` at ``/static/``.
"""

import os

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qaitu.web.settings")
application = get_wsgi_application()

from qaitu.web.demo.guard import refuse_demo_in_production  # noqa: E402

refuse_demo_in_production()
if os.environ.get("QAITU_SERVE_STATIC", "1") == "1":
    application = StaticFilesHandler(application)
