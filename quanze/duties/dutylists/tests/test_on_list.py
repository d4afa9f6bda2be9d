"""Whether a township may be given a matter: what the territorial list in force says
(the township named, or every township) decides it before the township's duty list."""

from datetime import date

from quanze.duties.dutylists.selectors import is_on_list
from quanze.duties.territorial.models import Matter
from quanze.duties.territorial.routing import responsibility_for
from quanze.duties.territorial.tests.builders import published_list


def test_it_knows_named_townships_and_matters_without_townships(cast):
    published_list(cast)
    land = Matter.objects.get(name="非法占用耕地")
    ads = Matter.objects.get(name="城区户外广告设置审批")
    on = date(2025, 3, 1)
    assert responsibility_for(matter=land, township=cast.town_b, on=on).township_cooperates
    assert not responsibility_for(matter=land, township=cast.town_a, on=on).township_cooperates
    assert is_on_list(township=cast.town_b, matter_or_duty=land, on=on)
    assert not is_on_list(township=cast.town_a, matter_or_duty=land, on=on)
    assert not is_on_list(township=cast.town_a, matter=ads, on=on)
    assert not is_on_list(township=cast.town_a, matter_or_duty="替部门收取材料", on=on)
