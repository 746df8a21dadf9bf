"""Settings for the coalition archive.

Everything that differs between machines comes from environment variables,
parsed strictly by ``archive.env``. The defaults are the safe ones for
production (DEBUG off, local hosts only); README.md lists the variables.
"""

from __future__ import annotations

import os
import secrets
from email.utils import parseaddr
from pathlib import Path

import csp.constants
import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured

from archive import env
from archive.ops import logs

BASE_DIR = Path(__file__).resolve().parent.parent
# Where templates/, static/ and fixtures/ are: the checkout's top, or, in an
# installed wheel, archive/bundled/ (archive/packaging.py).
_BUNDLED = Path(__file__).resolve().parent / "bundled"
INSTALLED_FROM_WHEEL = _BUNDLED.is_dir()
SITE_DIR = _BUNDLED if INSTALLED_FROM_WHEEL else BASE_DIR
# What the archive writes (its embedded database, its secret key, collected
# static files): var/ in the checkout; an installed archive, whose package
# may not be writable, writes var/ in the directory it is run from.
VAR_DIR = Path(os.environ.get("ARCHIVE_VAR_DIR") or (Path.cwd() if INSTALLED_FROM_WHEEL else BASE_DIR) / "var")

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


CONNECT_TIMEOUT_SECONDS = 5


def _databases() -> dict:
    url = env.get_str("DATABASE_URL")
    if url is None:
        from archive.ops import embedded

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
    # A database host that stops answering (rather than refusing) would
    # otherwise hold each request, and /healthz, for the system's TCP
    # timeout: minutes, not the prompt 503 a load balancer needs.
    config.setdefault("OPTIONS", {}).setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
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
        replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", CONNECT_TIMEOUT_SECONDS)
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
    "archive.devtools.apps.DevtoolsConfig",  # the benchmark, load test, corpus and scoring commands
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",  # sitemap.xml (archive/public/sitefiles.py)
    "django_filters",
    "simple_history",
]

MIDDLEWARE = [
    # First, so that its line and id cover everything after it (archive/ops/logs.py).
    "archive.ops.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
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
    "archive.ops.guards.StatementTimeoutMiddleware",  # after the router: it bounds the read alias
    # Last, so its process_exception sees a view's exception first: the
    # database unreachable becomes a 503 page (archive/ops/health.py).
    "archive.ops.health.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "archive.public.languages.switch",
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

# Arabic first: the public site and the admin speak Arabic, right to left,
# at addresses without a prefix; the public site also speaks English under
# /en/ (archive/urls.py). The messages are written in Arabic; English is
# their translation (archive/locale/en).
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
# Before Django's own catalogues: the archive's corrections to its Arabic
# admin messages (an edit was announced as «نجحت إضافة», "added").
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "archive.ops.staticfiles.ArchiveStaticFilesStorage"},
}
# Before collectstatic has run, the project's static/ folder is served as it
# is (archive.ops.staticfiles): no page answers 500 for want of a manifest.
WHITENOISE_USE_FINDERS = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Served over HTTPS (README, "Security"): the site is reached only by https://,
# browsers are told to keep to it for a year, and cookies never travel in clear.
HTTPS = env.get_bool("HTTPS", default=False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    # A load balancer's health probe speaks plain HTTP to the app server.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The directive alone changes nothing in browsers; it lets the domain's
    # owner submit the site to the browsers' preload list, a step of its own.
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# How many reverse proxies stand in front of the app. Their headers are
# believed only when this says they exist: otherwise any client could claim
# HTTPS or another address (and so dodge the request limits).
TRUSTED_PROXIES = env.get_int("TRUSTED_PROXIES", default=0)
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# django-csp rather than Django 6's own SECURE_CSP: the archive also runs on
# Django 5.2 LTS, which has none, and one policy must hold on both. Pages,
# the admin included, load scripts, styles and fonts from the site's own
# static files only: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.constants.SELF],
        "script-src": [csp.constants.SELF],
        "style-src": [csp.constants.SELF],
        "img-src": [csp.constants.SELF],
        "font-src": [csp.constants.SELF],
        "object-src": [csp.constants.NONE],
        "base-uri": [csp.constants.SELF],
        "form-action": [csp.constants.SELF],
        "frame-ancestors": [csp.constants.NONE],
    },
}


# The pages' chrome (templates/base.html: the site's name, its sections, the
# footer) depends on the language alone, and on the code, which a deploy
# restarts with: each process renders it once per language and keeps it in
# its own memory, where a read costs no round trip.
FRAGMENTS = {"fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}}


def _default_cache() -> dict:
    url = env.get_str("REDIS_URL")
    if url is None:
        # One process's memory: request limits then count per app process.
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "archive"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"Environment variable REDIS_URL={url!r} is not a Redis URL: use redis://host:6379/0."
        )
    # Shared by every app server, so a client's requests count once wherever they land.
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "archive"}


def _counts_cache(default: dict) -> dict:
    """Counts remembered under the version of what they count (the
    statements page's, archive.search.statements.tally), for a day at most:
    shared by every app server where Redis is, one process's otherwise. A
    cache of their own, so that many searches never push the request
    limits' counters out of a local-memory cache."""
    if default["BACKEND"].endswith("RedisCache"):
        return {**default, "KEY_PREFIX": "archive-counts", "TIMEOUT": 86400}
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counts",
        "TIMEOUT": 86400, "OPTIONS": {"MAX_ENTRIES": 1000},
    }


CACHES = {"default": _default_cache(), **FRAGMENTS}
CACHES["counts"] = _counts_cache(CACHES["default"])

# Requests one client may make (archive/ops/ratelimit.py): searches and exports
# are what can keep the database busy; failed admin logins per address and
# user name are what guessing a password takes. "off" lifts a limit.
RATELIMIT_SEARCH = env.get_rate("RATELIMIT_SEARCH", "120/m")
RATELIMIT_EXPORT = env.get_rate("RATELIMIT_EXPORT", "20/m")
RATELIMIT_LOGIN = env.get_rate("RATELIMIT_LOGIN", "5/m")

# How many results a page of search results shows.
ARCHIVE_PAGE_SIZE = 20
# Where the site is served, for the links in command-line exports.
ARCHIVE_BASE_URL = env.get_str("ARCHIVE_BASE_URL") or "http://localhost:8000"

# Logs and error reports (archive/ops/logs.py): one line per request with
# its id and duration, as text or as JSON (LOG_FORMAT=json); errors by mail
# to ADMINS ("Name <address>, …") and to Sentry when SENTRY_DSN is set.
_ADMINS = [parseaddr(entry) for entry in env.get_list("ADMINS", default=[])]
if any(not address or "@" not in address for _, address in _ADMINS):
    raise ImproperlyConfigured("ADMINS: write each as an e-mail address or 'Name <address>', parted by commas.")
# Django 6 takes addresses alone and deprecates (name, address) pairs, which
# Django 5.2 requires.
ADMINS = [address for _, address in _ADMINS] if django.VERSION >= (6, 0) else _ADMINS
SERVER_EMAIL = env.get_str("SERVER_EMAIL") or "archive@localhost"
# The mail server's settings only when given: Django 6.1 deprecates them
# (for MAILERS), and its defaults (localhost:25) are the same.
if email_host := env.get_str("EMAIL_HOST"):
    EMAIL_HOST = email_host
    EMAIL_PORT = env.get_int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.get_str("EMAIL_HOST_USER") or ""
    EMAIL_HOST_PASSWORD = env.get_str("EMAIL_HOST_PASSWORD") or ""
    EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", default=False)
try:
    LOGGING = logs.config(env.get_str("LOG_FORMAT") or "text", (env.get_str("LOG_LEVEL") or "INFO").upper(), bool(ADMINS))
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from None
SENTRY = logs.start_sentry(env.get_str("SENTRY_DSN"), env.get_str("SENTRY_ENVIRONMENT") or "production")
