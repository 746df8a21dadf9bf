from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "أرشيف التحالف الدولي ضد داعش"
    default_auto_field = "django.db.models.BigAutoField"
