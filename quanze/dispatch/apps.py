from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "quanze.dispatch"
    label = "dispatch"
    verbose_name = "吹哨报到"

    def ready(self):
        """Register with core: the dispatch section of the workbench."""
        from quanze.core.registry import register_workbench_section
        from quanze.dispatch.loop.workbench import dispatch_section

        register_workbench_section("dispatch", dispatch_section, order=30)
