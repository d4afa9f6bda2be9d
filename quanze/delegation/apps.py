from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "quanze.delegation"
    label = "delegation"
    verbose_name = "赋权"

    def ready(self) -> None:
        """Register what the app contributes to core's shared machinery (the stale-job sweep
        of publications, scenarios 000 and 001) and to the catalog's official lists (the
        delegation mode of each township list entry)."""
        from quanze.catalog.documents.modes import register_mode_source
        from quanze.core.registry import (
            register_scenario,
            register_stale_job_sweep,
            register_workbench_section,
        )
        from quanze.delegation.decisions.modes import township_list_modes
        from quanze.delegation.publication.recovery import publications_sweep_stale

        register_stale_job_sweep("publications", "发布任务", publications_sweep_stale)
        register_scenario("000", "quanze.delegation.scenarios.s000")
        register_scenario("001", "quanze.delegation.scenarios.s001")
        register_mode_source(township_list_modes)
        from quanze.delegation.workbench import delegation_section

        register_workbench_section("delegation", delegation_section, order=20)
