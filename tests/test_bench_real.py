"""The real-complaint evaluation set (bench/data/real_complaints.csv) and its scoring
(bench/dispatch_real.py): every row checked, the held-out split kept apart, figures
reported per split and at matter level."""

import csv
import json

import pytest

from bench import dispatch_real

FIELDS = ["id", "split", "source_url", "channel", "handled_by", "unit_kind", "unit_field"]


def test_every_row_names_its_source_and_the_unit_that_handled_it():
    rows = dispatch_real.real_complaints()
    assert len(rows) >= 300
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({(r["source_url"], r["text"][:20]) for r in rows}) == len(rows)
    for row in rows:
        assert row["source_url"].startswith(("http://", "https://")), row["id"]
        assert row["channel"] in ("mailbox", "hotline"), row["id"]
        assert row["handled_by"].strip() and row["text"].strip(), row["id"]
        if row["unit_kind"] == "township":
            assert row["unit_field"] == "乡镇街道", row["id"]


def test_the_held_out_split_was_gathered_last_and_only_it_carries_judged_matters():
    rows = dispatch_real.real_complaints()
    order = [dispatch_real.SPLITS.index(r["split"]) for r in rows]
    assert order == sorted(order)  # dev, then tune, then test: ids follow gathering order
    assert {r["split"] for r in rows if r["matter"]} == {"test"}
    assert sum(1 for r in rows if r["matter"]) >= 50


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*FIELDS, "matter", "text"])
        writer.writeheader()
        writer.writerows(rows)


ROW = {
    "id": "RC0001",
    "split": "test",
    "source_url": "https://example.gov.cn/1",
    "channel": "mailbox",
    "handled_by": "某镇人民政府",
    "unit_kind": "township",
    "unit_field": "乡镇街道",
    "matter": "占道经营管理",
    "text": "路口有人摆摊",
}


@pytest.mark.parametrize(
    "change",
    [{"split": "holdout"}, {"unit_kind": "county"}, {"matter": "没有这个事项"}],
)
def test_a_row_with_an_unknown_split_kind_or_matter_is_refused(tmp_path, monkeypatch, change):
    _write(tmp_path / "real_complaints.csv", [ROW | change])
    monkeypatch.setattr(dispatch_real, "DATA", tmp_path)
    with pytest.raises(ValueError, match="RC0001"):
        dispatch_real.real_complaints()
    _write(tmp_path / "real_complaints.csv", [ROW])
    assert dispatch_real.real_complaints()[0]["matter"] == "占道经营管理"


def test_the_scoring_reports_each_split_and_the_judged_matters(capsys):
    dispatch_real.step_real(None)
    figures = {}
    for line in capsys.readouterr().out.splitlines():
        if line.startswith("BENCH "):
            figure = json.loads(line[6:])
            figures[figure["name"]] = figure
    counted = [
        r for r in dispatch_real.real_complaints() if r["unit_kind"] in ("township", "department")
    ]
    for split in dispatch_real.SPLITS:
        n = sum(1 for r in counted if r["split"] == split)
        assert figures[f"dispatch.real.quanze.{split}.unit_top1"]["note"].endswith(f"{n} 条")
    judged = sum(1 for r in dispatch_real.real_complaints() if r["matter"])
    assert figures["dispatch.real.matter.quanze.top1"]["note"].startswith(f"{judged} 条")
    # The suggestion beats both simple baselines on the held-out split.
    assert (
        figures["dispatch.real.quanze.test.unit_top1"]["value"]
        > figures["dispatch.real.baseline.test.unit_top1"]["value"]
    )
    assert (
        figures["dispatch.real.matter.quanze.top3"]["value"]
        > figures["dispatch.real.matter.names_only.top3"]["value"]
    )

    # A city's own memory: the same rows, by split and by source size, and the curve.
    local = "dispatch.real.unit.local_memory"
    for variant in ("none", "foreign", "cross", "local", "local_train", "local_and_cross"):
        for split in dispatch_real.SPLITS:
            n = sum(1 for r in counted if r["split"] == split)
            assert figures[f"{local}.{variant}.{split}.unit_top1"]["note"].endswith(f"{n} 条")
            big = [
                r
                for r in counted
                if r["split"] == split
                and sum(
                    1
                    for o in counted
                    if o["id"] != r["id"]
                    and dispatch_real.source_of(o) == dispatch_real.source_of(r)
                )
                >= dispatch_real.LOCAL_MIN
            ]
            note = figures[f"{local}.{variant}.{split}.source10.unit_top1"]["note"]
            assert note.endswith(f" {len(big)} 条")
    # The fifty-city memory and the one the figures above call quanze are the same.
    assert (
        figures[f"{local}.cross.test.unit_top1"]["value"]
        == figures["dispatch.real.quanze.test.unit_top1"]["value"]
    )
    for k in dispatch_real.CURVE_SIZES:
        assert f"{local}.curve.k{k}.unit_top1" in figures
    for weight in dispatch_real.LOCAL_WEIGHTS:
        assert figures[f"{local}.weight_{round(weight * 10):02d}.train.unit_top1"][
            "note"
        ].startswith("dev+tune")


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://www.wuhantong.com.cn/read-1.html", "wuhantong.com.cn"),
        ("https://wuhantong.com.cn/read-2.html", "wuhantong.com.cn"),
        ("https://people.lyd.com.cn/wenti/1", "洛阳"),
        ("http://lywb.lyd.com.cn/html/2009-10/13/content_1.htm#2", "洛阳"),
        ("http://wzzdg.sun0769.com/political/politics/index?id=1", "东莞"),
        ("https://hbj.yueyang.gov.cn/webapp/hbj/email/viewPublic.jsp?id=1", "岳阳"),
        ("https://nanjing.baogaosu.com/xinwen/1", "nanjing.baogaosu.com"),
        ("http://xining.baogaosu.com/xinwen/1", "xining.baogaosu.com"),
    ],
)
def test_a_source_is_the_host_without_www_and_one_citys_hosts_are_one(url, source):
    assert dispatch_real.source_of({"source_url": url}) == source


def test_the_own_memory_leaves_the_complaint_out_and_can_keep_to_the_training_splits():
    rows = [
        ROW | {"id": "RC0001", "split": "dev", "source_url": "https://people.lyd.com.cn/1"},
        ROW | {"id": "RC0002", "split": "test", "source_url": "http://lywb.lyd.com.cn/2"},
        ROW | {"id": "RC0003", "split": "test", "source_url": "https://people.lyd.com.cn/3"},
        ROW | {"id": "RC0004", "split": "dev", "source_url": "https://example.gov.cn/4"},
    ]
    by_source = {}
    for row in rows:
        by_source.setdefault(dispatch_real.source_of(row), []).append(row)
    ids = [r["id"] for r in dispatch_real.own_examples(rows[1], by_source)]
    assert ids == ["RC0001", "RC0003"]
    ids = [r["id"] for r in dispatch_real.own_examples(rows[1], by_source, splits=("dev",))]
    assert ids == ["RC0001"]
    assert dispatch_real.own_examples(rows[3], by_source) == []


def test_two_memories_vote_side_by_side_each_scaled():
    from quanze.dispatch.suggestion.units import UnitMemory

    own = UnitMemory([("township", "菜场门口摆摊卖菜占道")])
    other = UnitMemory([("城管", "菜场门口摆摊占道经营"), ("城管", "桥头摆摊卖水果")])
    votes = dispatch_real.Votes((own, 1.0), (other, 0.5), (UnitMemory(), 2.0))
    assert len(votes) == 3
    got = votes.votes("菜场门口有人摆摊卖菜")
    assert got["township"] == (1.0, 1)
    assert got["城管"] == (0.5, 2)
