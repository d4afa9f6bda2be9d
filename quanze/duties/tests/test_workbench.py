"""The duties section of the workbench: admission requests to decide or revise."""

from django.urls import reverse

from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.workbench import duties_section


def _request(cast, state, name="新增事项"):
    return AdmissionRequest.objects.create(
        county=cast.county, department=cast.urban, matter_name=name,
        township_duty="巡查", reason="需要", basis="某法第一条", state=state,
    )  # fmt: skip


def test_the_office_sees_submitted_requests_and_the_department_returned_ones(
    cast, django_assert_max_num_queries
):
    S = AdmissionRequest.State
    first = _request(cast, S.SUBMITTED)
    _request(cast, S.SUBMITTED, "另一事项")
    returned = _request(cast, S.CHANGES_REQUESTED, "退回事项")
    with django_assert_max_num_queries(1):
        office = duties_section(cast.office).tasks[0]
    assert office.count == 2
    assert office.url == reverse("duties:admission_detail", args=[first.pk])
    with django_assert_max_num_queries(2):
        department = duties_section(cast.dept_clerk)
    assert department.tasks[0].count == 1
    assert department.tasks[0].url == reverse("duties:admission_detail", args=[returned.pk])
    assert duties_section(cast.other_dept_clerk).tasks[0].count == 0
    assert duties_section(cast.town_a_clerk) is None
