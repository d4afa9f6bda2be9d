from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "quanze.delegation"
    label = "delegation"
    verbose_name = "赋权"

    def ready(self):
        from quanze.core.registry import register_scenario, register_stale_job_sweep
        from quanze.delegation import publication_recovery

        register_stale_job_sweep(
            "publications", "发布任务", publication_recovery.publications_sweep_stale
        )
        register_scenario("000", "quanze.delegation.scenarios.s000")
        register_scenario("001", "quanze.delegation.scenarios.s001")

        from quanze.catalog.documents.modes import register_mode_source
        from quanze.delegation.township_modes import township_list_modes

        register_mode_source(township_list_modes)
