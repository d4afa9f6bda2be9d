"""The pages and the command line of adjustment projects, over the same services."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quanze.evaluation.adjustment import services
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.specs import ChangeKind as K
from quanze.evaluation.adjustment.specs import ChangeSpec
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    w = build_world(cast)
    w.project = services.project_open(
        actor=cast.office, county=cast.county, title="年度调整", origin="evaluation.round:7",
        changes=[
            ChangeSpec(K.KEEP, w.urban_power.pk, "运行良好", "行权率 85 %", township_id=cast.town_a.pk),
            ChangeSpec(K.AMEND_BASIS, w.urban_power.pk, "法律修订", source="evaluation.lawchange:2"),
            ChangeSpec(K.REPORT_UPWARD, w.urban_power.pk, "建议省政府下放"),
        ],
    )  # fmt: skip
    return w


def test_the_list_sorts_and_finds(client, w, cast):
    services.project_open(
        actor=cast.office, county=cast.county, title="另一个调整", origin="evaluation.lawchange:2",
        changes=[ChangeSpec(K.KEEP, w.urban_power.pk, "保留")],
    )  # fmt: skip
    client.force_login(cast.office)
    page = client.get("/evaluation/adjustments/?q=lawchange&sort=title").content.decode()
    assert "另一个调整" in page and "年度调整" not in page
    client.force_login(cast.town_b_clerk)
    assert "年度调整" not in client.get("/evaluation/adjustments/").content.decode()


def test_the_project_page_shows_changes_facts_diff_and_actions_to_the_office(client, w, cast):
    client.force_login(cast.office)
    page = client.get(f"/evaluation/adjustments/{w.project.pk}/").content.decode()
    for text in ("行权率 85 %", "evaluation.lawchange:2", "调整前后对比", "填写新法律依据", "启动"):
        assert text in page
    client.force_login(cast.town_a_clerk)
    page = client.get(f"/evaluation/adjustments/{w.project.pk}/").content.decode()
    assert "运行良好" in page and "实施调整" not in page


def test_a_refused_completion_names_the_change_and_changes_nothing(client, w, cast):
    client.force_login(cast.office)
    response = client.post(
        f"/evaluation/adjustments/{w.project.pk}/complete/",
        {
            "meeting_date": "2026-03-02",
            "document_number": "平政发〔2026〕1号",
            "effective_date": "2026-04-01",
            "fine_return_share": "0",
            "row_version": w.project.row_version,
        },
    )
    assert response.status_code == 200
    assert "第2项新法律依据:依据变更须先填写新的法律依据" in response.content.decode()
    assert AdjustmentProject.objects.get(pk=w.project.pk).status == "open"


def test_the_upward_report_is_a_word_document(client, w, cast):
    client.force_login(cast.dept_clerk)
    change = w.project.changes.get(kind=K.REPORT_UPWARD)
    response = client.get(f"/evaluation/adjustment-changes/{change.pk}/report/")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "建议省政府下放" in text and "省人民政府" in text


def test_the_command_opens_lists_and_completes(w, cast, tmp_path):
    specs = tmp_path / "specs.json"
    specs.write_text(
        json.dumps([{"kind": "keep", "power_id": w.urban_power.pk, "reason": "运行良好"}]),
        encoding="utf-8",
    )
    out = StringIO()
    call_command("adjustments", "open", "--user", "office", "--title", "命令行调整",
                 "--origin", "evaluation.round:9", "--changes", str(specs), stdout=out)  # fmt: skip
    project = AdjustmentProject.objects.get(title="命令行调整")
    call_command("adjustments", "list", "--user", "office", stdout=out)
    call_command("adjustments", "complete", str(project.pk), "--user", "office",
                 "--meeting-date", "2026-03-02", "--document-number", "平政发〔2026〕2号",
                 "--effective-date", "2026-04-01", stdout=out)  # fmt: skip
    assert "命令行调整:已完成" in out.getvalue()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"kind": "keep", "power_id": None, "reason": ""}]), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("adjustments", "open", "--user", "office", "--title", "坏",
                     "--changes", str(bad), stdout=out)  # fmt: skip
    assert "第1项理由:不能为空" in str(refused.value)
    assert not AdjustmentProject.objects.filter(title="坏").exists()
