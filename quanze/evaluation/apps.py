from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "quanze.evaluation"
    label = "evaluation"
    verbose_name = "评估与调整"

    def ready(self) -> None:
        from quanze.core.registry import register_history_access
        from quanze.evaluation.lawchange.selectors import access_act, access_change

        register_history_access("legalact", access_act)
        register_history_access("lawchange", access_change)
