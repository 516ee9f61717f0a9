from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "qaitu.web.people"
    label = "people"
