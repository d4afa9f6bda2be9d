from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "quanze.duties"
    label = "duties"
    verbose_name = "履职与属地清单"
