from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from qaitu.web.accounts import views as accounts
from qaitu.web.api.api import api
from qaitu.web.assessments import views as assessments
from qaitu.web.audit import views as audit
from qaitu.web.cases import views as cases
from qaitu.web.dashboards import outcomes
from qaitu.web.dashboards import views as dashboards
from qaitu.web.intake import views as intake
from qaitu.web.lab import views as lab
from qaitu.web.people import views as people
from qaitu.web.privacy import views as privacy
from qaitu.web.rehab import programme
from qaitu.web.rehab import views as rehab
from qaitu.web.reports import views as reports
from qaitu.web.supervision import views as supervision

urlpatterns = [
    path("", accounts.home, name="home"),
    path("favicon.ico", accounts.favicon, name="favicon"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("otp/", accounts.otp, name="otp"),
    path("password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("language/", accounts.set_language, name="set_language"),
    path("tokens/", accounts.tokens, name="tokens"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/<str:number>/", cases.case_detail, name="case_detail"),
    path("cases/<str:number>/events/", cases.add_event, name="case_add_event"),
    path("cases/<str:number>/decisions/", cases.add_decision, name="case_add_decision"),
    path("cases/<str:number>/facts.json", cases.facts_download, name="case_facts"),
    path("cases/<str:number>/assess/", assessments.run, name="case_assess"),
    path("cases/<str:number>/intake/", intake.for_case, name="intake_for_case"),
    path("assessments/runs/<int:pk>/", assessments.run_status, name="assessment_run"),
    path("assessments/<int:pk>/", assessments.detail, name="assessment_detail"),
    path("assessments/<int:pk>/review/", assessments.review, name="assessment_review"),
    path("assessments/<int:pk>/memo.<str:fmt>", assessments.memo, name="assessment_memo"),
    path("variants/", assessments.variant_list, name="variant_list"),
    path("people/", people.person_list, name="person_list"),
    path("people/<str:registry_number>/", people.person_detail, name="person_detail"),
    path("people/<str:registry_number>/notes/", rehab.add_note, name="person_add_note"),
    path("people/<str:registry_number>/goals/", rehab.add_goal, name="person_add_goal"),
    path("people/<str:registry_number>/contacts/", rehab.add_contact, name="person_add_contact"),
    path("supervision/", supervision.caseload, name="caseload"),
    path("cases/<str:number>/orders/new/", supervision.order_new, name="order_new"),
    path("orders/<int:pk>/", supervision.order_detail, name="order_detail"),
    path("orders/<int:pk>/registered/", supervision.registered, name="order_registered"),
    path("orders/<int:pk>/appointments/", supervision.appointment, name="order_appointment"),
    path("orders/<int:pk>/contacts/<int:contact>/", supervision.check_in, name="order_check_in"),
    path("orders/<int:pk>/breaches/", supervision.breach, name="order_breach"),
    path("orders/<int:pk>/breaches/<int:breach>/warn/", supervision.warn, name="breach_warn"),
    path("orders/<int:pk>/breaches/<int:breach>/close/", supervision.close_breach,
         name="breach_close"),
    path("orders/<int:pk>/breaches/<int:breach>/submit/", supervision.submit,
         name="breach_submit"),
    path("orders/<int:pk>/early/", supervision.submit, name="order_early"),
    path("orders/<int:pk>/submissions/<int:submission>/", supervision.decide,
         name="submission_decide"),
    path("orders/<int:pk>/em/", supervision.em_alert, name="order_em_alert"),
    path("programme/", programme.overview, name="programme"),
    path("people/<str:registry_number>/programme/", programme.detail, name="programme_detail"),
    path("people/<str:registry_number>/programme/<str:action>/", programme.act,
         name="programme_act"),
    path("people/<str:registry_number>/reports/<str:kind>/", reports.report, name="report"),
    path("screenings/<int:pk>/", programme.screening_detail, name="screening_detail"),
    path("alerts/<int:pk>/acknowledge/", programme.acknowledge, name="alert_acknowledge"),
    path("risk/<int:pk>/report/", programme.risk_report, name="risk_report"),
    path("intake/", intake.start, name="intake_start"),
    path("intake/new/", intake.new, name="intake_new"),
    path("intake/upload/", intake.upload, name="intake_upload"),
    path("intake/<int:pk>/finish/", intake.finish, name="intake_finish"),
    path("intake/<int:pk>/<str:step>/", intake.step, name="intake_step"),
    path("dashboards/", dashboards.dashboard, name="dashboard"),
    path("dashboards/caseload.csv", dashboards.dashboard_csv, name="dashboard_csv"),
    path("outcomes/", outcomes.outcomes, name="outcomes"),
    path("outcomes/outcomes.csv", outcomes.outcomes_csv, name="outcomes_csv"),
    path("vendor/plotly.js", dashboards.plotly_js, name="plotly_js"),
    path("lab/", lab.index, name="lab"),
    path("lab/drafts/new/", lab.draft_edit, name="lab_draft_new"),
    path("lab/drafts/<int:pk>/", lab.draft_detail, name="lab_draft"),
    path("lab/drafts/<int:pk>/edit/", lab.draft_edit, name="lab_draft_edit"),
    path("lab/variants/<str:name>/", lab.shipped_preview, name="lab_variant"),
    path("lab/projections/", lab.project, name="lab_project"),
    path("lab/projections/<int:pk>/", lab.projection, name="lab_projection"),
    path("lab/compare/", lab.compare, name="lab_compare"),
    path("lab/projections/<int:pk>/status.json", lab.projection_status,
         name="lab_projection_status"),
    path("lab/projections/<int:pk>/cancel/", lab.projection_cancel, name="lab_cancel"),
    path("lab/projections/<int:pk>/bill-<str:lang>.<str:fmt>", lab.bill, name="lab_bill"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("privacy/subject-access/", privacy.subject_access_screen,
         name="subject_access_screen"),
    path("privacy/subject-access/<str:registry_number>/", privacy.subject_access,
         name="subject_access"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler400 = "qaitu.web.errors.bad_request"
handler403 = "qaitu.web.errors.forbidden"
handler404 = "qaitu.web.errors.not_found"
handler500 = "qaitu.web.errors.server_error"
