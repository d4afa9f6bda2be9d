"""The item timeline page, driven through the test client."""

from datetime import date

from quanze.delegation.decisions import services as decisions
from quanze.delegation.review.models import Batch
from quanze.delegation.tests import builders as b


def test_the_timeline_shows_the_claim_and_the_published_list(client, cast):
    version = b.guiding_version(cast, n=2, basic=1)
    project = b.project(cast, version)
    batch = b.batch(cast, project, verdicts=("pass",), status=Batch.Status.SUBMITTED)
    decision = decisions.decision_record(
        by=cast.office, batch=batch, meeting_date=date(2025, 5, 6), document_number="平政发〔2025〕8号",
        townships=[cast.town_a], mode="entrustment", effective_date=date(2025, 6, 1), fine_return_share=80,
    )  # fmt: skip
    decisions.decision_publish(by=cast.office, decision=decision)
    power = batch.items.get().item.power
    client.force_login(cast.office)
    text = client.get(f"/delegation/powers/{power.pk}/townships/{cast.town_a.pk}/").content.decode()
    assert "合法性审核" in text and "通过" in text
    assert "平政发〔2025〕8号 审议通过(委托)" in text
    assert "列入锦水街道赋权事项清单 第1版" in text
    client.force_login(cast.town_a_clerk)
    text = client.get(f"/delegation/powers/{power.pk}/townships/{cast.town_a.pk}/").content.decode()
    assert "合法性审核" not in text  # internal deliberation
    assert "列入锦水街道赋权事项清单 第1版" in text
