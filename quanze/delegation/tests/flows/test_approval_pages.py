"""The approval stage through its pages: record, publish (the job the worker runs),
generate and download an agreement."""

from quanze.delegation.decisions.models import Decision
from quanze.delegation.publication.run import publication_run
from quanze.delegation.tests import builders as b


def test_the_office_records_publishes_and_downloads_an_agreement(client, cast):
    project = b.project(cast, b.guiding_version(cast, n=2, basic=1))
    batch = b.batch(cast, project, verdicts=("pass",))
    client.force_login(cast.office)
    client.post(f"/delegation/batches/{batch.pk}/submit/")
    item = batch.items.get()
    response = client.post(f"/delegation/batches/{batch.pk}/decision/", {
        "meeting_date": "2025-05-06", "document_number": "平政发〔2025〕8号", "mode": "entrustment",
        "effective_date": "2025-06-01", "fine_return_share": "80", "items": [item.pk],
        "townships": [cast.town_a.pk, cast.town_b.pk],
    })  # fmt: skip
    decision = Decision.objects.get()
    assert response.url == f"/delegation/decisions/{decision.pk}/"
    client.post(f"/delegation/decisions/{decision.pk}/publish/")
    publication_run(decision.publication_jobs.get().pk)  # what the task worker does
    client.post(f"/delegation/decisions/{decision.pk}/agreements/", {"template": ""})
    agreement = decision.agreements.get(township=cast.town_b)
    download = client.get(f"/delegation/agreements/{agreement.pk}/download/")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert bytes(download.content)[:2] == b"PK"
    page = client.get(f"/delegation/decisions/{decision.pk}/").content.decode()
    assert "已发布" in page and "玫瑰镇委托协议" in page
