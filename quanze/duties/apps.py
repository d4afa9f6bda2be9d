from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "quanze.duties"
    label = "duties"
    verbose_name = "履职与属地清单"

    def ready(self):
        from quanze.core.registry import register_history_access, register_scenario
        from quanze.duties import access

        register_history_access("resplist", access.access_list)
        register_history_access("respversion", access.access_version)
        register_history_access("admission", access.access_admission)
        register_history_access("dutylist", access.access_duty_list)
        register_history_access("dutyversion", access.access_duty_version)
        register_scenario("002", "quanze.duties.scenarios.s002")
        register_scenario("004", "quanze.duties.scenarios.s004")
