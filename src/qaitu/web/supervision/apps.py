from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "qaitu.web.supervision"
    verbose_name = _("Probation control")
