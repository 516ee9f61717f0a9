from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "qaitu.web.cases"
    label = "cases"
