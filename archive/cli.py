"""The `coalition-archive` command: what `manage.py` does, for an installed
archive that has no manage.py beside it."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
