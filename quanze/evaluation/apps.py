from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "quanze.evaluation"
    label = "evaluation"
    verbose_name = "评估与调整"

    def ready(self):
        from quanze.core.registry import register_history_access
        from quanze.evaluation.adjustment.selectors import access_project

        register_history_access("adjustmentproject", access_project)
