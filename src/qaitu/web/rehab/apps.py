from django.apps import AppConfig


class RehabConfig(AppConfig):
    name = "qaitu.web.rehab"
    label = "rehab"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_save, pre_save

        from qaitu.web.rehab import signals

        pre_save.connect(signals.note_agency, sender=settings.AUTH_USER_MODEL,
                         dispatch_uid="rehab.note_agency")
        post_save.connect(signals.end_referrals_of_a_moved_partner,
                          sender=settings.AUTH_USER_MODEL,
                          dispatch_uid="rehab.end_referrals_of_a_moved_partner")
