from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "qaitu.web.assessments"
    label = "assessments"
