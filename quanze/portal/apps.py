from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "quanze.portal"
    label = "portal"
    verbose_name = "公开门户"
