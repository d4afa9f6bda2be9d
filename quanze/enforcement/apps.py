from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "quanze.enforcement"
    label = "enforcement"
    verbose_name = "综合行政执法"

    def ready(self):
        from quanze.core.links import register_related_links
        from quanze.core.registry import (
            register_demo_loader,
            register_history_access,
            register_scenario,
            register_stale_job_sweep,
            register_workbench_section,
        )
        from quanze.enforcement.benchmarks.selectors import access_benchmark, access_version
        from quanze.enforcement.casefiles.recovery import case_files_sweep_stale
        from quanze.enforcement.casefiles.selectors import access_job as access_case_file_job
        from quanze.enforcement.cases import demo, links
        from quanze.enforcement.cases.selectors import access_case, access_evidence
        from quanze.enforcement.documents.selectors import access_template
        from quanze.enforcement.guidance import links as guidance_links
        from quanze.enforcement.guidance.selectors import access_guidance, access_guiding_case
        from quanze.enforcement.officers.selectors import access_certificate, access_officer
        from quanze.enforcement.review.selectors import access_file, access_round

        register_history_access("enforcementcase", access_case)
        register_history_access("evidence", access_evidence)
        register_history_access("officer", access_officer)
        register_history_access("certificate", access_certificate)
        register_history_access("documenttemplate", access_template)
        register_history_access("casefilejob", access_case_file_job)
        register_stale_job_sweep("case_files", "案卷生成任务", case_files_sweep_stale)
        register_history_access("reviewround", access_round)
        register_history_access("reviewedfile", access_file)
        register_related_links("dispatch.event", links.event_links)
        register_history_access("benchmark", access_benchmark)
        register_history_access("benchmarkversion", access_version)
        register_history_access("guidance", access_guidance)
        register_history_access("guidingcase", access_guiding_case)
        register_related_links("enforcement.case", guidance_links.case_links)
        register_demo_loader("enforcement", demo.demo_enforcement)
        from quanze.enforcement.workbench import enforcement_section

        register_workbench_section("enforcement", enforcement_section, order=40)
        # Continues the delegation app's 000 and the duties app's 004 (run after them).
        register_scenario("000", "quanze.enforcement.scenarios.s000")
        register_scenario("004", "quanze.enforcement.scenarios.s004")
        # Force: exams and training (docs/enforcement.md "Force").
        from quanze.enforcement.exams.selectors import access_sitting
        from quanze.enforcement.training.selectors import access_course

        register_history_access("sitting", access_sitting)
        register_history_access("course", access_course)
        register_scenario("001", "quanze.enforcement.scenarios.s001")
        register_scenario("004", "quanze.enforcement.scenarios.s004_training")
        self.ready_squads_and_staffing()

    def ready_squads_and_staffing(self):
        """Stationed squads and staffing quotas: history pages, 编随事走 on a delegation
        decision's page, and their parts of scenarios 000 (squads) and 001 (posts)."""
        from quanze.core.links import register_related_links
        from quanze.core.registry import register_history_access, register_scenario
        from quanze.enforcement.squads.selectors import access_consent, access_squad
        from quanze.enforcement.staffing import links as staffing_links
        from quanze.enforcement.staffing.selectors import access_quota, access_sinking

        register_history_access("squad", access_squad)
        register_history_access("headconsent", access_consent)
        register_history_access("staffingquota", access_quota)
        register_history_access("postsinking", access_sinking)
        register_related_links("delegation.decision", staffing_links.decision_links)
        register_scenario("000", "quanze.enforcement.scenarios.s000_squads")
        register_scenario("001", "quanze.enforcement.scenarios.s001_posts")
