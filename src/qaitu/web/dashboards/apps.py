from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "qaitu.web.dashboards"
    label = "dashboards"
