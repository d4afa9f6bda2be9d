from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "quanze.dispatch"
    label = "dispatch"
    verbose_name = "吹哨报到"

    def ready(self) -> None:
        """Register with core: the dispatch section of the workbench, and the 权随事转
        warnings a list and a delegation decision that disagree show on both pages."""
        from quanze.core.links import register_related_links
        from quanze.core.registry import register_workbench_section
        from quanze.dispatch.loop.workbench import dispatch_section
        from quanze.dispatch.routing import delegation

        register_workbench_section("dispatch", dispatch_section, order=30)
        register_related_links("duties.responsibilityversion", delegation.version_links)
        register_related_links("delegation.decision", delegation.decision_links)
