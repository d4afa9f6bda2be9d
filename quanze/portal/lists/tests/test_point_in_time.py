"""Point in time: whatever the order and dates of publication, the list "on day d" is the
version a reader of the gazette would say was in force then, with exactly its rows."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog
from quanze.portal.lists import selectors
from quanze.testing import factories as f

START = date(2024, 1, 1)
days = st.integers(min_value=0, max_value=60)


def _expected(published: list[tuple[date, int]], on: date) -> int | None:
    """The oracle: of the versions whose effective date has come, the latest effective
    date wins, and on the same date the later publication (higher number)."""
    in_force = [(effective, number) for effective, number in published if effective <= on]
    return max(in_force)[1] if in_force else None


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(effective=st.lists(days, min_size=1, max_size=5), asked=st.lists(days, max_size=6))
def test_the_version_on_a_day_is_the_one_in_force(cast, effective, asked):
    with transaction.atomic():
        catalog = services.catalog_create(
            by=None, name="时点目录", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
        )
        powers = [f.PowerFactory(owner=cast.county, code=f"PIT-{n}") for n in range(len(effective))]
        published = []
        for n, offset in enumerate(effective):
            draft = services.version_draft(by=None, catalog=catalog)
            # Version n+1 holds the first n+1 powers, so its rows say which it is.
            services.version_set_entries(
                by=None, version=draft, entries=[(p, "") for p in powers[: n + 1]]
            )
            on = START + timedelta(days=offset)
            services.version_publish(by=None, version=draft, effective_date=on)
            published.append((on, draft.number))
        shown = selectors.access_public_list(selectors.CATALOG, catalog.pk)
        for offset in [*asked, -1, 61]:
            on = START + timedelta(days=offset)
            version = selectors.version_on(shown, on)
            expected = _expected(published, on)
            assert (version.number if version else None) == expected
            if version is not None:
                codes = [row["code"] for row in selectors.rows_of(selectors.CATALOG, version)]
                assert codes == [p.code for p in powers[:expected]]
        transaction.set_rollback(True)
