import pytest


@pytest.fixture(scope="session")
def _static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings, _static_root):
    # Production serves hashed file names from a manifest that collectstatic
    # writes into STATIC_ROOT; tests serve the source files directly.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = _static_root
    settings.WHITENOISE_USE_FINDERS = True
