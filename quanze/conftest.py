"""The cast every test can call on (as in healthchecks: Alice and Bob, here a county's people).

- office: the county establishment office (编办) of 平阴县
- reviewer: the county justice bureau
- dept_clerk: a clerk of 平阴县城市管理局; other_dept_clerk: of 平阴县自然资源局
- town_a_clerk / town_b_clerk: clerks of 锦水街道 and 玫瑰镇
- outsider: the office of another county, who must see nothing of ours
"""

from types import SimpleNamespace

import pytest

from quanze.org.models import Division, User
from quanze.testing import factories as f


@pytest.fixture
def cast(db):
    shandong = f.province()
    jinan = f.city(shandong)
    pingyin = f.county(jinan)
    other_county = f.county(jinan, code="370126000000", name="商河县")
    town_a = f.township(pingyin, "370124001000", "锦水街道", kind=Division.Kind.SUBDISTRICT)
    town_b = f.township(pingyin, "370124100000", "玫瑰镇", economically_developed=True)
    urban = f.DepartmentFactory(division=pingyin, name="平阴县城市管理局", short_name="县城管局")
    land = f.DepartmentFactory(division=pingyin, name="平阴县自然资源局", short_name="县自然资源局")
    other_dept = f.DepartmentFactory(division=other_county, name="商河县城市管理局")
    Role = User.Role
    return SimpleNamespace(
        province=shandong,
        city=jinan,
        county=pingyin,
        other_county=other_county,
        town_a=town_a,
        town_b=town_b,
        urban=urban,
        land=land,
        other_dept=other_dept,
        office=f.UserFactory(username="office", role=Role.ESTABLISHMENT_OFFICE, county=pingyin),
        reviewer=f.UserFactory(username="reviewer", role=Role.JUSTICE_REVIEWER, county=pingyin),
        dept_clerk=f.UserFactory(
            username="urban", role=Role.DEPARTMENT_CLERK, county=pingyin, department=urban
        ),
        other_dept_clerk=f.UserFactory(
            username="land", role=Role.DEPARTMENT_CLERK, county=pingyin, department=land
        ),
        town_a_clerk=f.UserFactory(
            username="town_a", role=Role.TOWNSHIP_CLERK, county=pingyin, township=town_a
        ),
        town_b_clerk=f.UserFactory(
            username="town_b", role=Role.TOWNSHIP_CLERK, county=pingyin, township=town_b
        ),
        outsider=f.UserFactory(
            username="outsider", role=Role.ESTABLISHMENT_OFFICE, county=other_county
        ),
    )
