from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "qaitu.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from qaitu.web.accounts import signals  # noqa: F401
