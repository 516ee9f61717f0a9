from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "qaitu.web.api"
    label = "api"
