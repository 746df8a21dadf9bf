import pytest


@pytest.fixture(autouse=True)
def _unhashed_static_files(settings):
    # Production serves hashed file names from a manifest that collectstatic
    # writes; tests render templates without running it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
