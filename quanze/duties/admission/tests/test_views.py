from django.urls import reverse

from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.territorial.tests.builders import published_list


def test_a_department_files_and_the_office_admits_through_the_pages(cast, client):
    published_list(cast)
    client.force_login(cast.dept_clerk)
    client.post(reverse("duties:admission_create"), {
        "matter_name": "门前三包督查", "township_duty": "督促商户落实门前三包", "reason": "商户多",
        "basis": "《城市市容和环境卫生管理条例》", "all_townships": "on", "staff": "无", "funding": "每年1万元",
        "equipment": "无",
    })  # fmt: skip
    request = AdmissionRequest.objects.get()
    client.post(reverse("duties:admission_submit", args=[request.pk]))
    client.force_login(cast.office)
    client.post(
        reverse("duties:admission_decide", args=[request.pk]),
        {
            "action": "admit",
            "legality_opinion": "合法",
            "effective_date": "2025-06-01",
            "row_version": 2,
        },
    )
    request.refresh_from_db()
    assert (
        request.state == "admitted"
        and request.admitted_version.items.filter(matter__name="门前三包督查").exists()
    )
