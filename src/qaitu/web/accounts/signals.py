from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from qaitu.web.audit import log


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if user.language:
        request.session["_language"] = user.language
    log.record(request, "login", "session", user=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        log.record(request, "logout", "session", user=user)


@receiver(user_login_failed)
def on_failed(sender, credentials, request=None, **kwargs):
    log.record(request, "denied", "session",
               detail={"username": str(credentials.get("username", ""))[:150]})
