"""Place: a text naming a road, landmark, village or community lands in its township;
an ambiguous place asks the clerk. The county's 地名库 is imported from a spreadsheet."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanze.core.history import history_for
from quanze.dispatch.hotline.services import HotlineRejected, hotline_import
from quanze.dispatch.intake.gazetteer import GazetteerRejected, gazetteer_import
from quanze.dispatch.intake.models import PlaceName
from quanze.dispatch.intake.places import gazetteer, resolve
from quanze.org.models import Division


@dataclass(frozen=True)
class Town:
    name: str
    code: str

    def __str__(self) -> str:
        return self.name


A = Town("锦水街道", "370124001000")
B = Town("玫瑰镇", "370124100000")
NAMES = {"锦水街道": {A}, "玫瑰镇": {B}, "东关街": {A}, "王庄村": {B}, "人民路": {A, B}}


def test_a_road_or_village_lands_in_its_township():
    assert resolve("东关街12号门口垃圾没人清", names=NAMES).township is A
    assert resolve("王庄村村口有人烧秸秆", names=NAMES).township is B
    # A township's own name decides, whatever else is named.
    assert resolve("玫瑰镇人民路上有小摊", names=NAMES).township is B
    # Traditional characters are read as simplified.
    assert resolve("東關街井蓋沒了", names=NAMES).township is A


def test_an_ambiguous_or_unknown_place_asks_the_clerk():
    both = resolve("人民路上有小摊", names=NAMES)
    assert both.township is None and both.ambiguous and both.candidates == (A, B)
    assert both.question() == "地址中的「人民路」可能在「锦水街道」「玫瑰镇」,请选择乡镇(街道)"
    none = resolve("楼下有人吵", names=NAMES)
    assert none.township is None and not none.ambiguous
    assert "无法从地址判断" in none.question()


@given(st.text(alphabet="东关街王庄村人民路玫瑰镇锦水街道口12号 ", max_size=30))
def test_a_resolved_township_is_one_the_text_names(text):
    found = resolve(text, names=NAMES)
    if found.township is not None:
        assert any(found.township in NAMES[n] for n in found.names)
        assert not found.candidates


def _csv(tmp_path, text):
    path = tmp_path / "places.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_gazetteer_imports_all_or_nothing_and_records_each_name(cast, tmp_path):
    village = Division.objects.create(
        name="东关社区", code="370124001001", level=Division.Level.VILLAGE, parent=cast.town_a
    )
    bad = _csv(tmp_path, "地名,乡镇(街道),村(社区),类别\n东关街,锦水街道,东关社区,道路\n"
               "西门口,无名镇,,地标\n南湖,玫瑰镇,东关社区,湖泊\n东关街,锦水街道,,\n")  # fmt: skip
    with pytest.raises(GazetteerRejected) as refused:
        gazetteer_import(by=cast.office, county=cast.county, path=bad, file_name="地名.csv")
    assert refused.value.problems == [
        f"第3行「乡镇(街道)」{cast.county}没有「无名镇」",
        "第4行「村(社区)」「玫瑰镇」没有「东关社区」",
        "第4行「类别」应为道路街巷、地标、小区或其他",
        "第5行「地名」「东关街」与第2行重复",
    ]
    assert not PlaceName.objects.exists()
    good = _csv(
        tmp_path,
        "名称,所属街道,社区,类型\n东关街,锦水街道,东关社区,道路\n金水湾小区,玫瑰镇,,小区\n",
    )
    result = gazetteer_import(by=cast.office, county=cast.county, path=good, file_name="地名.csv")
    assert result.created == 2
    street = PlaceName.objects.get(name="东关街")
    assert (street.township, street.village, street.kind) == (cast.town_a, village, "road")
    assert history_for(street).get().actor == cast.office
    assert resolve("金水湾小区门口积水", names=gazetteer(cast.county)).township == cast.town_b


def test_a_hotline_row_without_a_township_is_placed_by_its_address(cast, matters, tmp_path):
    PlaceName.objects.create(
        county=cast.county, name="东关街", township=cast.town_a, created_by=cast.office
    )
    PlaceName.objects.create(
        county=cast.county, name="人民路", township=cast.town_a, created_by=cast.office
    )
    PlaceName.objects.create(
        county=cast.county, name="人民路", township=cast.town_b, created_by=cast.office
    )
    head = "工单编号,来电时间,诉求内容,详细地址\n"
    ok = _csv(tmp_path, head + "G1,2025-03-01 08:30,垃圾桶满了没人清运,东关街12号\n")
    hotline_import(by=cast.office, county=cast.county, path=ok, file_name="工单.csv")
    from quanze.dispatch.events.models import Event

    assert Event.objects.get(external_ref="G1").township == cast.town_a
    unsure = _csv(tmp_path, head + "G2,2025-03-01 08:30,路边有小摊,人民路口\n")
    with pytest.raises(HotlineRejected) as refused:
        hotline_import(by=cast.office, county=cast.county, path=unsure, file_name="工单.csv")
    assert refused.value.problems == [
        "第2行「乡镇(街道)」为空,地址中的「人民路」可能在「锦水街道」「玫瑰镇」,请选择乡镇(街道)"
    ]
