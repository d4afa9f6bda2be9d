from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quanze.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from quanze.core import sessions  # noqa: F401  (connects the login stamp)
