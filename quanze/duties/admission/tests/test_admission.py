from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Conflict, Forbidden
from quanze.duties.admission import services as admission
from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.dutylists.selectors import is_on_list
from quanze.duties.eventlog import events_for
from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.duties.territorial.routing import responsibility_for
from quanze.duties.territorial.tests.builders import published_list

FULL = dict(
    matter_name="共享单车停放秩序巡查",
    field_name="城市管理",
    township_duty="每日巡查辖区共享单车停放,发现乱停乱放通知运营企业清理",
    primary_duty="制定停放规范,约谈运营企业,组织集中整治",
    reason="共享单车投放量增长,乡镇(街道)巡查发现最及时",
    basis="《平阴县互联网租赁自行车管理办法》第十二条",
    staff="无(由现有网格员承担)",
    funding="每个街道每年2万元巡查经费",
    equipment="开通共享单车监管平台账号",
)
ON = date(2025, 6, 1)


def _submitted(cast, department=None, **over):
    request = admission.admission_create(
        by=None, department=department or cast.urban, **{**FULL, **over}
    )
    return admission.admission_submit(by=None, request=request)


def test_it_admits_a_duty_into_a_new_list_version_so_dispatch_may_use_it(cast):
    published_list(cast)
    assert not is_on_list(township=cast.town_a, matter_or_duty=FULL["matter_name"], on=ON)
    request = _submitted(cast)
    request = admission.admission_admit(
        by=cast.office,
        request=request,
        effective_date=ON,
        document_number="平编办〔2025〕12号",
        legality_opinion="依据合法有效",
        reasonableness_opinion="人财物随事转移,合理",
    )
    assert request.state == AdmissionRequest.State.ADMITTED
    version = request.admitted_version
    assert version.number == 2 and version.status == ResponsibilityVersion.Status.PUBLISHED
    assert version.items.count() == 4
    assert is_on_list(township=cast.town_a, matter_or_duty=FULL["matter_name"], on=ON)
    assert not is_on_list(
        township=cast.town_a, matter_or_duty=FULL["matter_name"], on=date(2025, 5, 31)
    )
    matter = version.items.get(matter__name=FULL["matter_name"]).matter
    assert (
        responsibility_for(matter=matter, township=cast.town_b, on=ON).primary_department
        == cast.urban
    )
    assert [e.to_state for e in events_for(request)] == ["draft", "submitted", "admitted"]


def test_it_widens_an_existing_matter_and_keeps_its_instruction_sheet(cast):
    published_list(cast)
    request = _submitted(
        cast,
        department=cast.land,
        matter_name="非法占用耕地",
        all_townships=False,
        townships=[cast.town_a],
    )
    admission.admission_admit(
        by=cast.office, request=request, effective_date=ON, legality_opinion="合法"
    )
    item = ResponsibilityVersion.objects.get(number=2).items.get(matter__name="非法占用耕地")
    assert set(item.townships.all()) == {cast.town_a, cast.town_b}
    assert item.primary_department == cast.land


def test_it_sends_back_for_changes_then_refuses_each_with_one_event(cast):
    request = _submitted(cast)
    request = admission.admission_request_changes(
        by=cast.office, request=request, reason="请补充经费来源", legality_opinion="依据层级不足"
    )
    assert request.state == "changes_requested"
    request = admission.admission_update(
        by=cast.dept_clerk, request=request, row_version=request.row_version, funding="县财政专项"
    )
    request = admission.admission_submit(by=cast.dept_clerk, request=request)
    request = admission.admission_refuse(
        by=cast.office, request=request, reason="属部门法定职责,不得转嫁乡镇"
    )
    assert [e.to_state for e in events_for(request)] == [
        "draft",
        "submitted",
        "changes_requested",
        "submitted",
        "refused",
    ]
    assert events_for(request).last().reason == "属部门法定职责,不得转嫁乡镇"
    with pytest.raises(ValidationError, match="不予准入,不能准予准入"):
        admission.admission_admit(
            by=cast.office, request=request, effective_date=ON, legality_opinion="合法"
        )


def test_it_refuses_a_request_without_what_comes_with_the_duty(cast):
    request = admission.admission_create(
        by=cast.dept_clerk, department=cast.urban, **{**FULL, "funding": ""}
    )
    with pytest.raises(ValidationError) as error:
        admission.admission_submit(by=cast.dept_clerk, request=request)
    assert "随事转移的经费:不能为空(没有请填写「无」并说明理由)" in error.value.messages
    assert AdmissionRequest.objects.get().state == "draft"


def test_it_refuses_a_stale_edit_and_other_departments(cast):
    request = admission.admission_create(by=cast.dept_clerk, department=cast.urban, **FULL)
    admission.admission_update(by=cast.dept_clerk, request=request, row_version=1, reason="新理由")
    with pytest.raises(Conflict):
        admission.admission_update(
            by=cast.dept_clerk, request=request, row_version=1, reason="旧理由"
        )
    with pytest.raises(Forbidden):
        admission.admission_update(
            by=cast.other_dept_clerk, request=request, row_version=2, reason="x"
        )
    with pytest.raises(Forbidden):
        admission.admission_refuse(by=cast.dept_clerk, request=request, reason="x")
