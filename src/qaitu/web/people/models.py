"""People under a pseudonymous registry number; identity kept apart, shown only where needed."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qaitu.web.fieldcrypt import EncryptedDateField, EncryptedTextField
from qaitu.web.labels import ENUMS


class Person(models.Model):
    class Cohort(models.TextChoices):
        ZHUSAN = "zhusan", _("Zhusan/Rusafa repatriation (2019–2021)")
        ART172 = "art172", _("Foreign armed conflict (2022 onwards)")
        OTHER = "other", _("Other")

    registry_number = models.CharField(_("registry number"), max_length=20, unique=True)
    cohort = models.CharField(_("cohort"), max_length=10, choices=Cohort.choices, default="art172")
    region = models.CharField(_("region"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    sex = models.CharField(
        _("sex"), max_length=6, blank=True,
        choices=list(ENUMS["sex"].items()),  # the law's enum: the glossary's words
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["registry_number"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.registry_number

    @classmethod
    def next_registry_number(cls) -> str:
        last = cls.objects.order_by("-id").values_list("id", flat=True).first() or 0
        number = last + 1
        while True:
            candidate = f"QT-{number:06d}"
            if not cls.objects.filter(registry_number=candidate).exists():
                return candidate
            number += 1


class Identity(models.Model):
    """Who the person is. A separate table so that case data never carries it by accident;
    every field encrypted at rest (qaitu.web.fieldcrypt)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="identity")
    full_name = EncryptedTextField(_("full name"))
    iin = EncryptedTextField(_("IIN"), blank=True)
    birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        return self.full_name
