from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "quanze.evaluation"
    label = "evaluation"
    verbose_name = "评估与调整"
