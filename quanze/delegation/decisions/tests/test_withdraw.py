"""Returning items to the county (收回, a batch whose direction is withdraw): the decision's
publication takes them off the townships' lists through the same bulk publication, the
others keep their order and are numbered 1..n again; the county-level bar does not apply."""

import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.publishing import township_lists_publish
from quanze.delegation.eventlog.models import Event
from quanze.delegation.review import services as review
from quanze.delegation.review.models import Batch
from quanze.delegation.tests import builders as b
from quanze.testing import factories as f

RUNS = itertools.count()


def _listed(township) -> list[tuple[str, int]]:
    version = CatalogVersion.objects.get(
        catalog__owner=township, status=CatalogVersion.Status.PUBLISHED
    )
    return list(
        CatalogEntry.objects.filter(version=version)
        .order_by("position")
        .values_list("power__code", "position")
    )


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(size=st.integers(1, 8), data=st.data(), added=st.integers(0, 2))
def test_removing_keeps_the_rest_in_order_numbered_from_one(cast, size, data, added):
    run = next(RUNS)
    powers = [
        f.PowerFactory(owner=cast.county, department=cast.urban, code=f"W{run}-{i}")
        for i in range(size + added)
    ]
    common = {"by": cast.office, "townships": [cast.town_a], "document_number": "平政发〔2025〕8号"}
    township_lists_publish(**common, powers=powers[:size], effective_date=date(2025, 6, 1))
    before = [code for code, _ in _listed(cast.town_a)]
    removed = data.draw(
        st.lists(st.sampled_from(powers[:size]), unique_by=lambda p: p.pk, min_size=1)
    )
    result = township_lists_publish(
        **common,
        powers=powers[size:],
        removed=removed,
        effective_date=date(2025, 7, 1),
    )
    gone = {p.code for p in removed}
    expected = [c for c in before if c not in gone] + [p.code for p in powers[size:]]
    assert _listed(cast.town_a) == [(c, n) for n, c in enumerate(expected, start=1)]
    assert (result.removed, result.added) == (len(removed), added)


def test_a_withdraw_decision_takes_the_items_off_and_says_so(cast):
    published = b.recorded_decision(cast)
    decisions.decision_publish(by=cast.office, decision=published)
    project = published.batch.project
    item = project.items.order_by("position").first()
    batch = review.batch_create(
        by=cast.office, project=project, title="收回", mode="entrustment", items=[item],
        direction=Batch.Direction.WITHDRAW,
    )  # fmt: skip
    review.batch_send_for_review(by=cast.office, batch=batch)
    # A power reserved to a higher level may not go down, but it may always come back.
    item.power.exercise_level = "省级"
    item.power.save(update_fields=["exercise_level"])
    review.review_save(
        by=cast.reviewer, batch_item=batch.items.get(), mode="entrustment",
        legal_route="收回县级部门行使", verdict="pass",
    )  # fmt: skip
    review.batch_review_complete(by=cast.reviewer, batch=batch)
    decisions.batch_submit(by=cast.office, batch=batch)
    decision = decisions.decision_record(
        by=cast.office, batch=batch, meeting_date=date(2025, 8, 1),
        document_number="平政发〔2025〕12号", townships=[cast.town_a], mode="entrustment",
        effective_date=date(2025, 9, 1), fine_return_share="0",
    )  # fmt: skip
    decisions.decision_publish(by=cast.office, decision=decision)
    assert [c for c, _ in _listed(cast.town_a)] == ["CG-001"]
    assert [c for c, _ in _listed(cast.town_b)] == ["CG-000", "CG-001"]
    version = CatalogVersion.objects.get(
        catalog__owner=cast.town_a, status=CatalogVersion.Status.PUBLISHED
    )
    assert "收回县级部门行使" in version.note
    published_event = Event.objects.get(
        content_type__model="decision", object_id=decision.pk, to_state="published"
    )
    assert published_event.reason == "发布1个乡镇(街道)清单,收回条目1条"
