"""The open data tests' world: the portal's world, the county's published territorial
list (the portal's `matters`) and a township duty list published by the office."""

from datetime import date

import pytest

from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.tests.builders import assessments, list_with_items, six_rounds
from quanze.testing.world import build_world


@pytest.fixture
def world(cast, matters):
    w = build_world(cast)
    duty_list, items = list_with_items(cast)
    dutylists.raw_items_assess(
        by=cast.office, duty_list=duty_list, assessments=assessments(cast, items)
    )
    w.duty_draft = dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)
    six_rounds(cast, w.duty_draft)
    w.duty = dutylists.duty_version_publish(
        by=cast.office, version=w.duty_draft, effective_date=date(2025, 9, 1), document_number="平编办〔2025〕3号"
    )  # fmt: skip
    w.duty_list = duty_list
    w.territorial = cast.county.responsibility_list.versions.get(number=1)
    return w
