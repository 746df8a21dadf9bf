from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from archive import demo


class Command(BaseCommand):
    help = "Set up the sample archive (migrate, import and publish the seeds, demo editor) and serve it."
    # Every check but the static files': this command collects them itself,
    # so their "not collected" warning would only confuse a newcomer.
    requires_system_checks = [
        tag for name, tag in vars(checks.Tags).items() if not name.startswith("_") and tag != checks.Tags.staticfiles
    ]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set everything up but do not start the server.")
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Where to serve (default 127.0.0.1:8000).")

    def handle(self, *args, no_serve: bool, addrport: str, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        report = demo.load()
        self.stdout.write(
            f"Sample articles (fixtures/seeds, {len(demo.seed_files())} files): "
            f"{report.imported} imported, {report.published} published now."
        )
        if report.editor_created:
            self.stdout.write(self.style.SUCCESS(
                f"Demo editor created: username {demo.EDITOR_USERNAME!r}, password {report.editor_password!r} "
                f"(shown once; change it with: {_command()} changepassword editor)"
            ))
        else:
            self.stdout.write(
                f"Demo editor {demo.EDITOR_USERNAME!r} already exists "
                f"(reset its password with: {_command()} changepassword editor)."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Static files collected.")
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(
            f"The archive is at http://{addrport}/ and the admin at http://{addrport}/admin/ (Ctrl+C stops it)."
        ))
        call_command("runserver", addrport, use_reloader=False)


def _command() -> str:
    """How this archive's commands are run: `python manage.py` in a checkout,
    `coalition-archive` once installed (archive.cli)."""
    return "coalition-archive" if settings.INSTALLED_FROM_WHEEL else "python manage.py"
