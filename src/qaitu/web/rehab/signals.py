"""A partner who moves to another organisation loses, at once, the referrals whose consent
names only the one left: the daily job (``end-lapsed-referrals``) would otherwise leave the
person's record open to an organisation the person never named until it next runs."""

from __future__ import annotations

from typing import Any

from django.utils import timezone


def note_agency(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Remember the organisation the user belonged to before this save (a save of other
    fields only, as a sign-in's ``last_login``, keeps it)."""
    fields = kwargs.get("update_fields")
    if not instance.pk or (fields is not None and "agency" not in fields):
        instance._agency_before = instance.agency_id
        return
    instance._agency_before = sender.objects.filter(pk=instance.pk).values_list(
        "agency_id", flat=True).first()


def end_referrals_of_a_moved_partner(sender: Any, instance: Any, created: bool,
                                     **kwargs: Any) -> None:
    """After a user's organisation changed, end the open referrals to that user that no
    consent in force covers any longer, with their audit entries (as the daily job does)."""
    if created or getattr(instance, "_agency_before", None) == instance.agency_id:
        return
    from qaitu.web.rehab.models import Referral
    from qaitu.web.rehab.services import audit_ended, end_referrals_without_consent

    people = Referral.objects.filter(to=instance, ended_on__isnull=True).values("person_id")
    # the people referred to this user: any other referral of theirs the daily job would end
    # today ends with it, audited alike
    ended = end_referrals_without_consent(people, timezone.localdate(),
                                          Referral.EndReason.CONSENT_LAPSED)
    audit_ended(None, ended, "the partner's organisation changed: the consent the referral "
                             "rested on does not name the new one")
