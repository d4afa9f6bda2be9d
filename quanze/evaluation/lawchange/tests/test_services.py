"""Recording acts and changes: validation, history, impact across the province, notices
and the adjustment contract (ChangeSpec)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.core.models import Notice
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.lawchange import selectors, services
from quanze.evaluation.lawchange.models import ActVersion, LawChange
from quanze.evaluation.lawchange.tests.builders import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast):
    return build(cast)


def amend(w, articles=("42",), **kwargs):
    values = {"kind": "amend", "effective_from": date(2027, 1, 1), "document_number": "国令第1号"}
    return services.change_record_save(
        by=w.cast.reviewer, act=w.act, articles=list(articles), **(values | kwargs)
    )


def kinds(rows):
    return sorted((r["kind"], r["division"]) for r in rows)


def test_an_amendment_lists_every_current_row_citing_the_article_across_the_province(w):
    change = amend(w)
    rows = selectors.impact_rows(selectors.change_scope(change))
    assert kinds(rows) == [
        ("benchmark", "平阴县"),
        ("duty_list", "锦水街道"),
        ("guiding", "商河县"),
        ("guiding", "平阴县"),  # the published version only: the superseded one is not current
        ("guiding_case", "平阴县"),
        ("power", "商河县"),
        ("power", "平阴县"),
        ("territorial", "平阴县"),
        ("township_list", "锦水街道"),
    ]
    assert {r["articles"] for r in rows} == {"第42条"}
    assert change.rows_found == 9
    w.act.refresh_from_db()
    assert [(v.number, v.status) for v in w.act.versions.all()] == [(2, "in_force"), (1, "amended")]
    assert w.act.versions.get(number=2).articles.count() == 45


def test_a_citation_of_a_later_text_is_not_hit(w):
    # p27 cites the 2019 text: an amendment of 2019 itself does not touch it, one of 2027 does
    early = amend(w, ["27"], effective_from=date(2019, 6, 1))
    assert selectors.impact_rows(selectors.change_scope(early)) == []
    late = amend(w, ["27"], effective_from=date(2027, 6, 1))
    assert kinds(selectors.impact_rows(selectors.change_scope(late))) == [
        ("power", "平阴县"),
        ("township_list", "玫瑰镇"),
    ]


def test_units_are_told_with_their_own_count(w):
    change = amend(w)
    told = {n.recipient.username: n for n in Notice.objects.filter(kind=Notice.Kind.LAW_CHANGED)}
    assert set(told) == {"office", "outsider", "urban", "town_a"}
    assert "有 2 个" in told["town_a"].body  # its township list and its duty list
    assert told["office"].link == f"/evaluation/law-changes/{change.pk}/"
    assert change.units_notified == 5  # 城管局, 商河县城管局, 锦水街道, the two counties. offices
    assert "reviewer" not in told and "land" not in told and "town_b" not in told


def test_a_repeal_covers_the_whole_act_and_ends_it(w):
    change = services.change_record_save(
        by=w.cast.reviewer, act=w.act, kind="repeal", effective_from=date(2027, 1, 1),
        articles=["42"],
    )  # fmt: skip
    assert change.articles == []
    rows = selectors.impact_rows(selectors.change_scope(change))
    assert {r["name"] for r in rows if r["kind"] == "power"} == {"事项D42", "事项D27", "事项S42"}
    assert w.act.versions.get().status == ActVersion.Status.REPEALED
    with pytest.raises(ValidationError, match="已无现行有效版本"):
        amend(w)


def test_bad_input_changes_nothing(w):
    with pytest.raises(ValidationError) as error:
        amend(w, ["99"])
    assert "涉及条文:现行版本中没有第九十九条" in error.value.messages
    with pytest.raises(ValidationError, match="修改须写明"):
        amend(w, [])
    with pytest.raises(ValidationError, match="不能早于现行版本的施行日期"):
        amend(w, effective_from=date(2000, 1, 1))
    with pytest.raises(ValidationError, match="控制字符"):
        amend(w, summary="坏\x00字")
    assert LawChange.objects.count() == 0
    assert not Notice.objects.filter(kind=Notice.Kind.LAW_CHANGED).exists()
    assert w.act.versions.get().status == "in_force"


def test_only_the_justice_bureau_records(w, cast):
    for user in (cast.office, cast.dept_clerk, cast.town_a_clerk):
        with pytest.raises(Forbidden):
            amend(w, by=None) if False else services.change_record_save(
                by=user, act=w.act, kind="amend", articles=["42"],
                effective_from=date(2027, 1, 1),
            )  # fmt: skip
        with pytest.raises(Forbidden):
            services.articles_import(by=user, act=w.act, text="第一条 甲")


def test_history_records_the_act_and_the_change(w):
    change = amend(w, summary="修改第四十二条")
    actions = [r.action for r in history_for(w.act)]
    assert "create" in actions and "law_amend" in actions
    record = history_for(change).get()
    assert record.after["rows"] == 9 and record.reason == "修改第四十二条"


def test_import_replaces_articles_all_or_nothing(w):
    with pytest.raises(ValidationError, match="第3行"):
        services.articles_import(
            by=w.cast.reviewer, act=w.act, text="第一条 甲\n第二条 乙\n第五条 丙"
        )
    assert selectors.current_version(w.act).articles.count() == 45
    assert services.articles_import(by=w.cast.reviewer, act=w.act, text="第一条 甲\n第二条 乙") == 2


def test_change_specs_are_one_amend_basis_per_citing_power(w):
    change = amend(w)
    specs = selectors.change_specs(change)
    assert [s.power_id for s in specs] == sorted([w.p42.pk, w.foreign.pk])
    spec = next(s for s in specs if s.power_id == w.p42.pk)
    assert spec.kind == ChangeKind.AMEND_BASIS
    assert spec.effective_from == date(2027, 1, 1)
    assert spec.source == f"evaluation.lawchange:{change.pk}"
    assert spec.articles == ("42",)
    assert "乡镇权责清单1条" in spec.facts and "国令第1号" in spec.facts
    assert "第四十二条" in spec.facts


def test_search_by_act_and_article_with_revision_year(w, cast):
    rows = selectors.article_search(cast.office, w.act, ("27",))
    assert kinds(rows) == [("power", "平阴县"), ("township_list", "玫瑰镇")]
    assert selectors.article_search(cast.office, w.act, ("27",), year=2018) == []
    assert selectors.article_search(cast.office, w.act, ("5",)) == []
