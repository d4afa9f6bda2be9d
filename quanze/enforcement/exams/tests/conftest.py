from datetime import date

import pytest

from quanze.enforcement.exams import services
from quanze.enforcement.officers import services as officers


@pytest.fixture
def sitting(ew):
    """A sitting of 平阴县 with 孙一 and 钱二 of 锦水街道 (registered by its clerk) and 吴三 of
    the urban department (registered by the bureau)."""
    cast = ew.cast
    found = services.sitting_create(
        by=cast.reviewer, title="2025年执法资格考试", held_on=date(2025, 6, 14)
    )
    sun = officers.officer_create(by=cast.town_a_clerk, name="孙一", township=cast.town_a)
    qian = officers.officer_create(by=cast.town_a_clerk, name="钱二", township=cast.town_a)
    wu = officers.officer_create(by=cast.reviewer, name="吴三", department=cast.urban)
    services.candidates_register(by=cast.town_a_clerk, sitting=found, officers_=[sun, qian])
    services.candidates_register(by=cast.reviewer, sitting=found, officers_=[wu])
    found.people = {"sun": sun, "qian": qian, "wu": wu}
    return found
