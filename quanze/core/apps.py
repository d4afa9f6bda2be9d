from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quanze.core"
    label = "core"
    verbose_name = "基础"
