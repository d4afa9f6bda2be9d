from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "quanze.evaluation"
    label = "evaluation"
    verbose_name = "评估与调整"

    def ready(self):
        self.ready_appraisal()

    def ready_appraisal(self):
        from quanze.core.registry import (
            register_demo_loader,
            register_history_access,
            register_workbench_section,
        )
        from quanze.evaluation.appraisal.demo import demo_appraisal
        from quanze.evaluation.appraisal.selectors import access_round, access_sheet
        from quanze.evaluation.appraisal.workbench import appraisal_section

        register_history_access("appraisalround", access_round)
        register_history_access("appraisalsheet", access_sheet)
        register_workbench_section("appraisal", appraisal_section, order=60)
        register_demo_loader("appraisal", demo_appraisal)
