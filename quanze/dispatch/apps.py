from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "quanze.dispatch"
    label = "dispatch"
    verbose_name = "吹哨报到"

    def ready(self) -> None:
        from quanze.core.links import register_related_links
        from quanze.dispatch.routing import delegation

        # 权随事转: a list and a delegation decision that disagree warn on both pages.
        register_related_links("duties.responsibilityversion", delegation.version_links)
        register_related_links("delegation.decision", delegation.decision_links)
