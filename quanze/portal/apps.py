from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "quanze.portal"
    label = "portal"
    verbose_name = "公开门户"

    def ready(self):
        from quanze.core.registry import register_scenario

        register_scenario("003", "quanze.portal.scenarios.s003")
