from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "quanze.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self):
        from quanze.core.registry import register_history_access
        from quanze.org import selectors

        register_history_access("division", selectors.access_division)
        register_history_access("department", selectors.access_department)
