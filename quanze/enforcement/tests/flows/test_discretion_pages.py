"""The benchmark and guidance pages end to end: import through the page (bad file: Chinese
messages naming row and column, nothing written), publish, the calculator, the case page
showing the guidance, the benchmark in force and the guiding cases of its power."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quanze.enforcement.benchmarks.models import Benchmark, BenchmarkItem
from quanze.enforcement.benchmarks.tests import sheets
from quanze.enforcement.guidance import services as guidance
from quanze.enforcement.guidance.models import Guidance


@pytest.fixture
def bureau_client(client, ew):
    client.force_login(ew.cast.reviewer)
    return client


def upload(tmp_path, body, name="基准.xlsx"):
    path = sheets.write(tmp_path / name, body)
    return SimpleUploadedFile(name, path.read_bytes())


def test_the_bureau_imports_publishes_and_a_team_uses_it(bureau_client, client, ew, tmp_path):
    response = bureau_client.post("/enforcement/benchmarks/new/", {"name": "城管裁量基准"})
    assert response.status_code == 302
    detail = bureau_client.get(response.url)
    draft_url = detail.content.decode().split('href="/enforcement/benchmarks/versions/')[1]
    draft_id = int(draft_url.split("/")[0])
    bad = sheets.rows()
    bad[1][5] = "较轻"
    page = bureau_client.post(
        f"/enforcement/benchmarks/versions/{draft_id}/import/",
        {"file": upload(tmp_path, bad, "坏.xlsx")},
        follow=True,
    )
    assert "第4行“裁量阶次”列:「较轻」不是裁量阶次" in page.content.decode()
    assert not BenchmarkItem.objects.exists()
    bureau_client.post(
        f"/enforcement/benchmarks/versions/{draft_id}/import/",
        {"file": upload(tmp_path, sheets.rows())},
    )
    assert BenchmarkItem.objects.count() == 2
    bureau_client.post(
        f"/enforcement/benchmarks/versions/{draft_id}/publish/",
        {"effective_date": "2025-01-01", "document_number": "平司发〔2024〕9号"},
    )
    table = bureau_client.get(f"/enforcement/benchmarks/versions/{draft_id}/?tier=none").content
    assert "擅自占用城市道路" in table.decode() and "未取得建设工程规划许可证" not in table.decode()
    export = bureau_client.get(f"/enforcement/benchmarks/versions/{draft_id}/export.xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")

    client.logout()
    client.force_login(ew.cast.town_a_clerk)
    calc = client.get(
        "/enforcement/benchmarks/proposal/",
        {
            "power": ew.urban_power.pk,
            "on": "2025-03-10",
            "conditions": "拒不停止建设",
            "base_amount": "100000",
        },
    ).content.decode()
    assert "从重处罚" in calc and "9000.00 元至 10000.00 元" in calc
    anonymous = client.get(f"/enforcement/public/benchmarks/{draft_id}/")
    assert anonymous.status_code == 200


def test_the_case_page_shows_guidance_benchmark_and_guiding_cases(client, ew):
    bureau = ew.cast.reviewer
    guidance.guidance_save(by=bureau, power=ew.urban_power, evidence="现场勘验笔录", publish=True)
    case = guidance.guiding_case_create(
        by=bureau, title="违法搭建彩钢棚案", facts="……", powers=[ew.urban_power]
    )
    guidance.review_add(by=bureau, guiding_case=case, reviewer="张", opinion="好", recommend=True)
    guidance.guiding_case_decide(by=bureau, guiding_case=case, decision="choose")
    guidance.guiding_case_decide(by=bureau, guiding_case=case, decision="publish")
    client.force_login(ew.cast.town_a_clerk)
    page = client.get(f"/enforcement/cases/{ew.case_a.pk}/").content.decode()
    assert "执法指引与指导案例" in page
    assert "指导案例第1号 违法搭建彩钢棚案" in page
    assert f"/enforcement/guidance/powers/{ew.urban_power.pk}/" in page
    public = client.get(f"/enforcement/public/guiding-cases/{case.pk}/").content.decode()
    assert "违法搭建彩钢棚案" in public


def test_history_pages_of_benchmarks_guidance_and_the_case(client, ew, tmp_path):
    bureau = ew.cast.reviewer
    guidance.guidance_save(by=bureau, power=ew.urban_power, evidence="现场勘验笔录")
    client.force_login(bureau)
    client.post("/enforcement/benchmarks/new/", {"name": "城管裁量基准"})
    benchmark = Benchmark.objects.get()
    version = benchmark.versions.get()
    for model, obj, back in [
        ("benchmark", benchmark, f"/enforcement/benchmarks/{benchmark.pk}/"),
        ("benchmarkversion", version, f"/enforcement/benchmarks/versions/{version.pk}/"),
        ("guidance", Guidance.objects.get(), f"/enforcement/guidance/powers/{ew.urban_power.pk}/"),
        ("enforcementcase", ew.case_a, f"/enforcement/cases/{ew.case_a.pk}/"),
    ]:
        page = client.get(f"/history/{model}/{obj.pk}/")
        assert page.status_code == 200, model
        assert f'href="{back}"' in page.content.decode()
    client.force_login(ew.cast.town_a_clerk)  # a draft guidance is the bureau's only
    assert client.get(f"/history/guidance/{Guidance.objects.get().pk}/").status_code == 404
