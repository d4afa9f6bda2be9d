"""Every delegation write that stores text refuses control characters with the field's
Chinese name (issue 9): through the services, so the pages, the API and the CLI alike."""

from quanze.delegation.agreements import services as agreements
from quanze.delegation.assessment import services as assessment
from quanze.delegation.claims import deadlines, review, windows
from quanze.delegation.claims import services as claims
from quanze.delegation.consultation import dispositions
from quanze.delegation.consultation import services as consultation
from quanze.delegation.decisions import publishing
from quanze.delegation.decisions import services as decisions
from quanze.delegation.projects import services as projects
from quanze.delegation.review import services as batches
from quanze.testing.textchecks import assert_refuses_control_chars


def test_every_text_writing_service_refuses_control_characters(db):
    proved = assert_refuses_control_chars(
        agreements.template_save,
        assessment.assessment_update,
        claims.claims_save,
        review.claims_review,
        deadlines.deadline_extend,
        windows.window_open,
        windows.window_close,
        dispositions.disposition_save,
        dispositions.meeting_record,
        dispositions.reminder_send,
        consultation.round_open,
        consultation.round_close,
        consultation.answers_save,
        batches.batch_create,
        batches.batch_send_for_review,
        batches.batch_remove_item,
        batches.review_save,
        batches.batch_review_complete,
        projects.project_create,
        projects.project_advance,
        projects.criterion_save,
        projects.rule_update,
        decisions.batch_submit,
        decisions.decision_record,
        publishing.township_lists_publish,
    )
    assert proved == 38


def test_the_project_page_names_the_field_and_stores_nothing(client, cast):
    from quanze.delegation.projects.models import DelegationProject
    from quanze.delegation.tests.builders import guiding_version

    version = guiding_version(cast)
    client.force_login(cast.office)
    response = client.post(
        "/delegation/projects/new/",
        {
            "name": "赋权\x03项目",
            "catalog_version": version.pk,
            "townships": [cast.town_a.pk],
            "started_on": "2025-03-01",
        },
    )
    assert response.status_code == 200, response.status_code
    assert "项目名称:含有不可见的控制字符 U+0003(第3个字符)" in response.content.decode()
    assert not DelegationProject.objects.exists()
