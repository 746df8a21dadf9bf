"""PostgreSQL database backend for the archive: Django's own, plus the
database character type that Arabic full-text and trigram search need."""

# PostgreSQL 17+ ships a "builtin" locale provider whose C.UTF-8 classifies
# characters by Unicode, whatever locales the operating system has. Without
# a UTF-8 character type pg_trgm extracts no trigrams from Arabic words, and
# name similarity silently finds nothing.
BUILTIN_LOCALE_MIN_VERSION = 170000


def create_database_options(server_version_num: int) -> str:
    """The WITH clause of CREATE DATABASE for an archive database."""
    if server_version_num >= BUILTIN_LOCALE_MIN_VERSION:
        return (
            "WITH ENCODING 'UTF8' TEMPLATE template0 "
            "LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'"
        )
    # Older servers: take the cluster's default, which on Debian and in the
    # official images is C.UTF-8 or a language UTF-8 locale.
    return "WITH ENCODING 'UTF8'"
