from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "qaitu.web.audit"
    label = "audit"
