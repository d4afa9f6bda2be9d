from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "quanze.evaluation"
    label = "evaluation"
    verbose_name = "评估与调整"

    def ready(self):
        from quanze.core.registry import (
            register_history_access,
            register_scenario,
            register_workbench_section,
        )
        from quanze.evaluation.rounds.selectors import access_proposal, access_round
        from quanze.evaluation.rounds.workbench import evaluation_section

        register_history_access("evaluationround", access_round)
        register_history_access("evaluationproposal", access_proposal)
        register_workbench_section("evaluation", evaluation_section, order=60)
        # 012: the evaluation round on the 000 data (loads 000 first when needed)
        register_scenario("012", "quanze.evaluation.rounds.scenario")
