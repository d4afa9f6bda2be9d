from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "quanze.duties"
    label = "duties"
    verbose_name = "履职与属地清单"

    def ready(self):
        """Register with core: the access choke points behind `/history/<model>/<id>/` and
        the scenarios of sources 002 and 004, the demo county's territorial list and the
        duties section of the workbench."""
        from quanze.core.registry import (
            register_demo_loader,
            register_history_access,
            register_scenario,
            register_workbench_section,
        )
        from quanze.duties.admission.selectors import access_admission
        from quanze.duties.dutylists.selectors import access_duty_list, access_duty_version
        from quanze.duties.scenarios.demo import demo_territorial
        from quanze.duties.territorial.selectors import access_list, access_version
        from quanze.duties.workbench import duties_section

        register_history_access("resplist", access_list)
        register_history_access("respversion", access_version)
        register_history_access("admission", access_admission)
        register_history_access("dutylist", access_duty_list)
        register_history_access("dutyversion", access_duty_version)
        register_scenario("002", "quanze.duties.scenarios.s002")
        register_scenario("004", "quanze.duties.scenarios.s004")
        register_demo_loader("duties", demo_territorial)
        register_workbench_section("duties", duties_section, order=50)
