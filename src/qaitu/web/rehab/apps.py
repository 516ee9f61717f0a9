from django.apps import AppConfig


class RehabConfig(AppConfig):
    name = "qaitu.web.rehab"
    label = "rehab"
