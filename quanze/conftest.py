"""The cast every test can call on (as in healthchecks: Alice and Bob, here a county's people).

- office: the county establishment office (编办) of 平阴县
- reviewer: the county justice bureau
- dept_clerk: a clerk of 平阴县城市管理局; other_dept_clerk: of 平阴县自然资源局
- town_a_clerk / town_b_clerk: clerks of 锦水街道 and 玫瑰镇
- outsider: the office of another county, who must see nothing of ours
"""

import pytest

from quanze.testing.world import build_cast


@pytest.fixture
def cast(db):
    return build_cast()
