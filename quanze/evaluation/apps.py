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
        self.ready_appraisal()
        self.ready_lawchange()
        self.ready_adjustment()

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

    def ready_lawchange(self):
        from quanze.core.registry import register_history_access
        from quanze.evaluation.lawchange.selectors import access_act, access_change

        register_history_access("legalact", access_act)
        register_history_access("lawchange", access_change)

    def ready_adjustment(self):
        from quanze.core.registry import register_history_access, register_workbench_section
        from quanze.evaluation.adjustment.selectors import access_project
        from quanze.evaluation.adjustment.workbench import adjustment_section
        from quanze.evaluation.lawchange.workbench import lawchange_section

        register_history_access("adjustmentproject", access_project)
        register_workbench_section("lawchange", lawchange_section, order=61)
        register_workbench_section("adjustment", adjustment_section, order=62)
