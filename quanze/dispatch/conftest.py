"""Fixtures of the dispatch tests: a responsibility list for the cast's county, made through
the duties app, and events at each stage of the loop."""

import pytest

from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services
from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Test databases reuse primary keys; no cache may outlive a test."""
    suggest.forget()
    routing.clear_cache()
    yield
    suggest.forget()
    routing.clear_cache()


@pytest.fixture
def matters(cast):
    """Three matters on the county's list: two for 城管局 (fallback 自然资源局), one for
    自然资源局 in which only 锦水街道 has a part: 玫瑰镇 has none (outside its list)."""
    found = publish(
        cast,
        [
            item("生活垃圾收集清运", cast.urban, cast.land, "垃圾桶 垃圾满溢 环卫"),
            item("占道经营管理", cast.urban, cast.land, "流动摊贩 摆摊 占道"),
            item(
                "非法占用耕地",
                cast.land,
                cast.urban,
                "耕地 占地 挖塘",
                field="自然资源",
                township_scope="named",
                townships=[cast.town_a],
            ),
        ],
    )
    return {
        "garbage": found["生活垃圾收集清运"],
        "stalls": found["占道经营管理"],
        "farmland": found["非法占用耕地"],
    }


@pytest.fixture
def called(cast, matters):
    return raise_event(cast, matter=matters["garbage"])


@pytest.fixture
def dispatched(cast, called):
    return services.event_dispatch(by=cast.town_a_clerk, event=called)
