from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "quanze.enforcement"
    label = "enforcement"
    verbose_name = "综合行政执法"

    def ready(self):
        from quanze.core.links import register_related_links
        from quanze.core.registry import register_demo_loader, register_history_access
        from quanze.enforcement.cases import demo, links
        from quanze.enforcement.cases.selectors import access_case, access_evidence
        from quanze.enforcement.officers.selectors import access_certificate, access_officer

        register_history_access("enforcementcase", access_case)
        register_history_access("evidence", access_evidence)
        register_history_access("officer", access_officer)
        register_history_access("certificate", access_certificate)
        register_related_links("dispatch.event", links.event_links)
        register_demo_loader("enforcement", demo.demo_enforcement)
