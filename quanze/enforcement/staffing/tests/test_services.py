from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from quanze.core.errors import Forbidden, NotFound
from quanze.core.history import history_for
from quanze.core.models import Notice
from quanze.enforcement.staffing import rules, selectors, services
from quanze.enforcement.staffing.models import PostKind, QuotaChange

ON = date(2025, 6, 1)


def test_the_office_sets_a_quota_and_each_change_of_the_approved_number_is_kept(cast):
    quota = services.quota_set(
        by=cast.office, township=cast.town_a, kind=PostKind.ADMINISTRATIVE, approved=30,
        filled=28, document_number="平编〔2019〕1号", on=ON,
    )  # fmt: skip
    services.quota_set(
        by=cast.office, township=cast.town_a, kind=PostKind.ADMINISTRATIVE, approved=31,
        filled=29, document_number="平编〔2023〕5号", on=ON,
    )  # fmt: skip
    changes = list(
        QuotaChange.objects.filter(quota=quota)
        .order_by("pk")
        .values_list("change", "approved_after", "document_number")
    )
    assert changes == [(30, 30, "平编〔2019〕1号"), (1, 31, "平编〔2023〕5号")]
    assert history_for(quota).count() == 2
    quota.refresh_from_db()
    assert quota.vacant == 2


def test_only_the_countys_office_writes_quotas(cast):
    for user in (cast.reviewer, cast.dept_clerk, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            services.quota_set(
                by=user, township=cast.town_a, kind=PostKind.ADMINISTRATIVE, approved=1, filled=0
            )


def test_filled_cannot_exceed_approved(cast):
    with pytest.raises(ValidationError, match="实有人数"):
        services.quota_set(
            by=cast.office, department=cast.urban, kind=PostKind.INSTITUTIONAL, approved=3, filled=4
        )


def test_posts_sink_up_to_the_departments_approved_number_and_both_units_hear(cast):
    with pytest.raises(ValidationError, match="尚未核定"):
        services.sinking_create(
            by=cast.office, department=cast.urban, township=cast.town_a,
            kind=PostKind.INSTITUTIONAL, count=1, on=ON,
        )  # fmt: skip
    services.quota_set(
        by=cast.office, department=cast.urban, kind=PostKind.INSTITUTIONAL, approved=10, filled=8
    )
    services.sinking_create(
        by=cast.office, department=cast.urban, township=cast.town_a,
        kind=PostKind.INSTITUTIONAL, count=6, filled=5, on=ON, document_number="平编〔2023〕6号",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="最多还能下沉4名"):
        services.sinking_create(
            by=cast.office, department=cast.urban, township=cast.town_b,
            kind=PostKind.INSTITUTIONAL, count=5, on=ON,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="已下沉6名"):
        services.quota_set(
            by=cast.office, department=cast.urban, kind=PostKind.INSTITUTIONAL, approved=5, filled=5
        )
    assert Notice.objects.filter(kind="staffing", recipient=cast.town_a_clerk).exists()
    assert Notice.objects.filter(kind="staffing", recipient=cast.dept_clerk).exists()


def test_who_reads_which_quotas(cast):
    town = services.quota_set(
        by=cast.office, township=cast.town_a, kind=PostKind.ADMINISTRATIVE, approved=3, filled=1
    )
    for user in (cast.office, cast.reviewer, cast.town_a_clerk):
        assert selectors.access_quota(user, town.pk) == town
    for user in (cast.town_b_clerk, cast.dept_clerk, cast.outsider):
        with pytest.raises(NotFound):
            selectors.access_quota(user, town.pk)


@given(
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)
def test_the_posts_that_follow_never_exceed_the_approved_number(approved, delegated, total):
    follow = rules.follow_posts(approved, delegated, total)
    assert 0 <= follow <= approved
    if total and delegated >= total:
        assert follow == approved


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=50))
def test_a_township_is_overloaded_only_when_it_holds_items_with_too_few_officers(items, certified):
    assert rules.overloaded(items, certified, 10) == (items > 0 and certified < 10)
