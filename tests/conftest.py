import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache


@pytest.fixture(scope="session", autouse=True)
def _static_files_without_collectstatic(tmp_path_factory):
    # Production serves hashed file names from a manifest that collectstatic
    # writes into STATIC_ROOT; tests serve the source files directly. For the
    # whole session, so that pages rendered while a class sets up its data
    # (setUpTestData runs before any per-test fixture) need no manifest either.
    from django.conf import settings
    from django.test import override_settings

    override = override_settings(
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        WHITENOISE_USE_FINDERS=True,
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture(autouse=True)
def _request_limits_for_one_busy_client(settings):
    # Every test client is one address (127.0.0.1) making hundreds of
    # requests a minute: keep the limiter running, with budgets no test
    # reaches. tests/test_security.py sets real ones.
    settings.RATELIMIT_SEARCH = settings.RATELIMIT_EXPORT = settings.RATELIMIT_LOGIN = (100_000, 60)
    yield
    # Only a process-local cache is cleared: clear() on Redis empties the
    # whole database, which may not be the tests' alone.
    for cache in caches.all(initialized_only=True):
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _arabic_unless_a_test_asks_otherwise():
    """Each test starts in the archive's default language: a request to an
    English page leaves English active in its thread (LocaleMiddleware
    activates, nothing deactivates), and the next test would read English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
