from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "quanze.delegation"
    label = "delegation"
    verbose_name = "赋权"

    def ready(self) -> None:
        """Register what the app contributes to core's shared machinery."""
        from quanze.core.registry import register_stale_job_sweep
        from quanze.delegation.publication.recovery import publications_sweep_stale

        register_stale_job_sweep("publications", publications_sweep_stale)
