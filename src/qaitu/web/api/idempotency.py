"""``Idempotency-Key`` on creating requests (POST): a client whose response was lost retries
with the same key and gets the first answer (status and body) instead of a second case or
assessment. Keys are per user and kept for 24 hours; the same key with a different request
answers 422, and a retry while the first is still running answers 409."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from ninja import Status
from ninja.errors import HttpError

from qaitu.web.api.models import IdempotentRequest

HEADER = "Idempotency-Key"
KEY_RE = re.compile(r"^[\x21-\x7e]{1,100}$")
KEEP = dt.timedelta(hours=24)
OPENAPI = {"parameters": [{
    "in": "header", "name": HEADER, "required": False,
    "description": "Any unique string (1-100 printable ASCII characters, e.g. a UUID): a "
                   "retry with the same key answers the first result.",
    "schema": {"type": "string", "pattern": KEY_RE.pattern, "maxLength": 100}}]}


def _fingerprint(request) -> str:
    h = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    h.update(request.body)
    return h.hexdigest()


def idempotent(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(request, *args, **kwargs)
        if not KEY_RE.fullmatch(key):
            raise HttpError(422, f"{HEADER}: 1-100 printable ASCII characters")
        user, fp = request.user, _fingerprint(request)
        IdempotentRequest.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():
                slot = IdempotentRequest.objects.create(user=user, key=key, fingerprint=fp)
        except IntegrityError:
            first = IdempotentRequest.objects.get(user=user, key=key)
            if first.fingerprint != fp:
                raise HttpError(422, f"{HEADER} already used for a different request") from None
            if first.status is None:
                raise HttpError(409, "The first request with this key is still running") \
                    from None
            return Status(first.status, first.response)
        try:
            result = view(request, *args, **kwargs)
        except Exception:
            slot.delete()  # nothing was created: the key may be used again
            raise
        if isinstance(result, Status):
            body = json.loads(json.dumps(result.value, cls=DjangoJSONEncoder))
            IdempotentRequest.objects.filter(pk=slot.pk).update(status=result.status_code,
                                                                response=body)
        return result
    # ninja reads the parameters' types from the signature: give it the view's, evaluated
    # (its annotations are strings resolved in the view's module, not this one).
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper
