from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "quanze.delegation"
    label = "delegation"
    verbose_name = "赋权"
