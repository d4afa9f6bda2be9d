from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "quanze.dispatch"
    label = "dispatch"
    verbose_name = "吹哨报到"
