"""Fixtures of the portal tests: fresh caches (rows cached by version id, the routing
tables, the suggestion index and the rate limit all live outside the test database), the
world, the county's published territorial list (through the duties services), and a
village and streets the gazetteer knows."""

import pytest
from django.core.cache import cache, caches

from quanze.dispatch.intake.models import PlaceName
from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing
from quanze.org.models import Division
from quanze.testing.world import build_world


@pytest.fixture(autouse=True)
def fresh_caches(request):
    """Test databases reuse primary keys: nothing cached may outlive a test. The shared
    cache is a table of the test database, rolled back with each test, except after a
    transactional test, which commits: that one empties it."""
    cache.clear()
    suggest.forget()
    routing.clear_cache()
    yield
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        caches["shared"].clear()
    cache.clear()
    suggest.forget()
    routing.clear_cache()


@pytest.fixture
def world(cast):
    return build_world(cast)


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
