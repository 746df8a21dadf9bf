from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "archive.devtools"
    label = "devtools"
    verbose_name = "أدوات المطورين"
