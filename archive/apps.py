from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate


def _load_reference_data(sender, using="default", plan=None, **kwargs) -> None:
    """The coalition's calendar, the known officials and the cited
    resolutions' years and subjects, after every
    migrate (and after a test flush): an empty archive already has its
    timeline and knows the people who matter. Loaded here rather
    than in a data migration so that no migration imports app code."""
    from django.db import router

    from archive.models import ReferenceLoad
    from archive.reference import loading

    if not router.allow_migrate_model(using, ReferenceLoad):
        return  # a read replica: it has the primary's rows
    if ReferenceLoad._meta.db_table not in _tables(using):  # migrated back before it
        return
    loading.sync_calendar(using=using)
    loading.sync_officials(using=using)
    loading.sync_resolutions(using=using)


def _tables(using: str) -> list[str]:
    from django.db import connections

    return connections[using].introspection.table_names()


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "أرشيف التحالف الدولي ضد داعش"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from archive import signals  # noqa: F401 - connects the index's receivers
        from archive.ops import staticfiles  # noqa: F401 - registers its system check

        post_migrate.connect(_load_reference_data, sender=self, dispatch_uid="archive_reference_data")


class ArchiveAdminConfig(AdminConfig):
    default_site = "archive.admin_site.ArchiveAdminSite"
