from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from qaitu.web.accounts import views as accounts
from qaitu.web.api.api import api
from qaitu.web.assessments import views as assessments
from qaitu.web.audit import views as audit
from qaitu.web.cases import views as cases
from qaitu.web.dashboards import views as dashboards
from qaitu.web.intake import views as intake
from qaitu.web.people import views as people
from qaitu.web.privacy import views as privacy
from qaitu.web.rehab import views as rehab

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
    path("assessments/<int:pk>/", assessments.detail, name="assessment_detail"),
    path("assessments/<int:pk>/review/", assessments.review, name="assessment_review"),
    path("assessments/<int:pk>/memo.<str:fmt>", assessments.memo, name="assessment_memo"),
    path("variants/", assessments.variant_list, name="variant_list"),
    path("people/", people.person_list, name="person_list"),
    path("people/<str:registry_number>/", people.person_detail, name="person_detail"),
    path("people/<str:registry_number>/notes/", rehab.add_note, name="person_add_note"),
    path("people/<str:registry_number>/goals/", rehab.add_goal, name="person_add_goal"),
    path("people/<str:registry_number>/contacts/", rehab.add_contact, name="person_add_contact"),
    path("intake/", intake.start, name="intake_start"),
    path("intake/new/", intake.new, name="intake_new"),
    path("intake/upload/", intake.upload, name="intake_upload"),
    path("intake/<int:pk>/finish/", intake.finish, name="intake_finish"),
    path("intake/<int:pk>/<str:step>/", intake.step, name="intake_step"),
    path("dashboards/", dashboards.dashboard, name="dashboard"),
    path("vendor/plotly.js", dashboards.plotly_js, name="plotly_js"),
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
