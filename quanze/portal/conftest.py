"""Fixtures of the portal tests: the county's published territorial list (through the
duties services), a village and a street the gazetteer knows, and fresh caches (the
rate limit counts in the cache)."""

import pytest
from django.core.cache import cache

from quanze.dispatch.intake.models import PlaceName
from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing
from quanze.org.models import Division


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear()
    suggest.forget()
    routing.clear_cache()
    yield
    cache.clear()
    suggest.forget()
    routing.clear_cache()


@pytest.fixture
def matters(cast):
    found = publish(
        cast,
        [
            item("生活垃圾收集清运", cast.urban, cast.land, "垃圾桶 垃圾满溢 环卫"),
            item("占道经营管理", cast.urban, cast.land, "流动摊贩 摆摊 占道"),
        ],
    )
    return {"garbage": found["生活垃圾收集清运"], "stalls": found["占道经营管理"]}


@pytest.fixture
def places(cast, matters):
    """东关社区 (a community of 锦水街道), 人民路 (a road of 锦水街道) and 长青路, a road
    name used in both townships."""
    village = Division.objects.create(
        name="东关社区", code="370124001001", level=Division.Level.VILLAGE, parent=cast.town_a
    )
    for name, town in (("人民路", cast.town_a), ("长青路", cast.town_a), ("长青路", cast.town_b)):
        PlaceName.objects.create(
            county=cast.county, name=name, township=town, kind="road", created_by=cast.office
        )
    return {"village": village}
