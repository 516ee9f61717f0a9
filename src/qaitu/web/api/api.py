"""The REST API under /api/ (OpenAPI docs at /api/docs), with the screens' permissions.

Authentication: ``Authorization: Bearer <token>`` (tokens from the "API tokens" screen) for
integrations, or the browser session. Every endpoint asks :mod:`qaitu.web.policy`; objects
outside the caller's caseload answer 404, like the screens; every access is audited with
channel ``api``. An optional ``X-Purpose`` header adds the caller's reason to the audit entry.

Errors are JSON (``{"detail": ...}``) with the status codes each operation lists. Creating
requests accept an ``Idempotency-Key`` header: a retry with the same key (after a lost
response) answers the first result instead of creating twice.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth

from qaitu.assessment.casefile import CaseError
from qaitu.web import validation
from qaitu.web.accounts.models import ApiToken
from qaitu.web.api.common import problem
from qaitu.web.assessments import api as assessments
from qaitu.web.cases import api as cases
from qaitu.web.dashboards import api as dashboards
from qaitu.web.intake import api as intake
from qaitu.web.people import api as people
from qaitu.web.policy import ConsentRefused
from qaitu.web.rehab import api as programme
from qaitu.web.supervision import api as supervision

# Operation ids are published (clients are generated from them) and were named after the
# module that held these areas' operations before each area had its own router: they keep it.
_FIRST_MODULE = "qaitu_web_api_api"
_FIRST_AREAS = {m.__name__ for m in (people, cases, intake, assessments, dashboards)}


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
            request.qaitu_channel = "api"
        return user


class BodyParser(Parser):
    """JSON bodies: nesting and characters checked before the JSON parser and the database."""

    def parse_body(self, request):
        raw = request.body
        if validation.json_depth_exceeds(raw):
            request.qaitu_body_error = (
                f"JSON nested deeper than {validation.JSON_MAX_DEPTH} levels")
            raise ValueError(request.qaitu_body_error)
        data = super().parse_body(request)
        if err := validation.json_error(data):
            request.qaitu_body_error = err
            raise ValueError(err)
        return data


class QaituAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        if operation.view_func.__module__ in _FIRST_AREAS:
            return f"{_FIRST_MODULE}_{operation.view_func.__name__}"
        return super().get_openapi_operation_id(operation)


api = QaituAPI(
    title="Qaitu casework API",
    version="1",
    description=__doc__,
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    parser=BodyParser(),
)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    detail = getattr(request, "qaitu_body_error", None) or str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    detail = str(exc) if isinstance(exc, ConsentRefused) else gettext("Not allowed for your role.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": gettext("Not found.")}, status=404)


@api.exception_handler(CaseError)
def _case_error(request, exc: CaseError):
    return api.create_response(request, {"detail": gettext("Invalid case facts."),
                                         "problems": [problem(p) for p in exc.problems]},
                               status=422)


# One router per area, each in its Django app's package.
api.add_router("/people", people.router)
api.add_router("/cases", cases.router)
api.add_router("/intake", intake.router)
api.add_router("/assessments", assessments.router)
api.add_router("/variants", assessments.variants)
api.add_router("/dashboards", dashboards.router)
api.add_router("/supervision", supervision.router)
api.add_router("/programme", programme.router)
api.add_router("/reports", "qaitu.web.reports.api.router")
