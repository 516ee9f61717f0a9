from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "qaitu.web.intake"
    label = "intake"
