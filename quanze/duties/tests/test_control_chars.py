"""Every duties write that stores text refuses control characters with the field's
Chinese name (issue 9): through the services, so the pages, the API and the CLI alike."""

from quanze.duties.admission import services as admission
from quanze.duties.corrections import services as corrections
from quanze.duties.dutylists import rounds
from quanze.duties.dutylists import services as dutylists
from quanze.duties.territorial import meetings
from quanze.duties.territorial import services as territorial
from quanze.testing.textchecks import assert_refuses_control_chars


def test_every_text_writing_service_refuses_control_characters(db):
    proved = assert_refuses_control_chars(
        admission.admission_create,
        admission.admission_update,
        admission.admission_request_changes,
        admission.admission_refuse,
        admission.admission_admit,
        corrections.list_correct,
        rounds.opinion_give,
        rounds.opinion_update,
        rounds.opinion_dispose,
        dutylists.raw_items_add,
        dutylists.raw_items_assess,
        dutylists.duty_version_publish,
        meetings.meeting_record,
        territorial.list_for_county,
        territorial.version_set_items,
        territorial.version_publish,
    )
    assert proved == 26


def test_the_admission_page_names_the_field_and_stores_nothing(client, cast):
    from quanze.duties.admission.models import AdmissionRequest

    client.force_login(cast.dept_clerk)
    response = client.post(
        "/duties/admissions/new/",
        {
            "matter_name": "占道经营\x02管理",
            "township_duty": "巡查劝导",
            "reason": "就近管理",
            "basis": "《城市市容和环境卫生管理条例》",
            "all_townships": "on",
        },
    )
    assert response.status_code == 200, response.status_code
    assert "事项名称:含有不可见的控制字符 U+0002(第5个字符)" in response.content.decode()
    assert not AdmissionRequest.objects.exists()
