from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "أرشيف التحالف الدولي ضد داعش"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from archive import signals  # noqa: F401 - connects the index's receivers


class ArchiveAdminConfig(AdminConfig):
    default_site = "archive.admin_site.ArchiveAdminSite"
