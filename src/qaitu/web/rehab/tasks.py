"""Scheduled job of the programme (run by the job runner, :mod:`qaitu.web.jobs`): a referral
ends with the consent it rested on."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from qaitu.web.rehab.models import Referral
from qaitu.web.rehab.services import audit_ended, end_referrals_without_consent


def end_lapsed_referrals(today: dt.date | None = None) -> dict[str, int]:
    """End today every open referral whose consent is no longer in force (expired, or ended
    otherwise than by a revocation, which ends its referrals at once:
    :func:`qaitu.web.rehab.services.revoke_consent`), each with an audit entry saying which
    consent it lacked (:func:`qaitu.web.policy.referral_consent_lapsed`)."""
    today = today or timezone.localdate()
    people = Referral.objects.filter(ended_on__isnull=True, until__gte=today).values(
        "person_id")
    ended = end_referrals_without_consent(people, today, Referral.EndReason.CONSENT_LAPSED)
    audit_ended(None, ended, "scheduled job: the consent the referral rested on is no "
                             "longer in force")
    return {"ended": len(ended)}
