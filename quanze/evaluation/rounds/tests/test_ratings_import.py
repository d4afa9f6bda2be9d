"""Public ratings from a sheet: all or nothing, each problem naming row and column in
Chinese, through the service, the page, the API and the command line; the page and the
API refusing others than the office."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from quanze.core.models import ChangeRecord
from quanze.evaluation.rounds import services
from quanze.evaluation.rounds.models import PublicRating
from quanze.evaluation.rounds.tests import builders

pytestmark = pytest.mark.django_db
HEADER = ["乡镇(街道)", "事项编码", "事项名称", "满意度得分", "参评人数"]


def sheet(tmp_path, *rows, name="评价.xlsx"):
    book = Workbook()
    for row in (HEADER, *rows):
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


@pytest.fixture
def collecting(ew):
    ew.round = builders.round_(ew, status="collecting")
    return ew


def good_rows(w):
    return [
        ["锦水街道", w.urban_power.code, "违法建设", 86.5, 120],
        ["玫瑰镇", w.urban_private.code, "占道经营", "72", "80"],
    ]


def test_a_good_file_records_every_rating_with_history(collecting, tmp_path):
    w = collecting
    count = services.ratings_import(
        by=w.cast.office, round_=w.round, path=sheet(tmp_path, *good_rows(w)), file_name="评价.xlsx"
    )
    assert count == 2
    rows = dict(PublicRating.objects.values_list("township__name", "score"))
    assert {k: float(v) for k, v in rows.items()} == {"锦水街道": 86.5, "玫瑰镇": 72.0}
    assert ChangeRecord.objects.filter(content_type__model="publicrating").count() == 2


def test_any_bad_row_refuses_the_file_naming_row_and_column(collecting, tmp_path):
    w = collecting
    cells = sheet(tmp_path, good_rows(w)[0], ["玫瑰镇", w.urban_private.code, "", "一百", 0])
    with pytest.raises(ValidationError) as refused:
        services.ratings_import(by=w.cast.office, round_=w.round, path=cells, file_name="a.xlsx")
    assert refused.value.messages == [
        "第3行第D列「满意度得分」:「一百」不是0至100的数",
        "第3行第E列「参评人数」:「0」不是正整数",
    ]
    scope = sheet(
        tmp_path, good_rows(w)[0], ["外县镇", "X", "", 90, 10],
        ["玫瑰镇", w.urban_power.code, "", 90, 10], name="b.xlsx",
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.ratings_import(by=w.cast.office, round_=w.round, path=scope, file_name="b.xlsx")
    assert refused.value.messages == [
        "第3行第A列「乡镇(街道)」:外县镇不在评估范围内",
        f"第4行第B列「事项编码」:玫瑰镇在评估期内未承接 {w.urban_power.code}",
    ]
    assert PublicRating.objects.count() == 0


def test_the_page_imports_for_the_office_only(client, collecting, tmp_path):
    w = collecting
    url = f"/evaluation/rounds/{w.round.pk}/ratings/import/"
    client.force_login(w.cast.reviewer)
    assert client.get(url).status_code == 403
    client.force_login(w.cast.office)
    bad = sheet(tmp_path, ["锦水街道", w.urban_power.code, "", 101, 5], name="bad.xlsx")
    page = client.post(url, {"file": SimpleUploadedFile("bad.xlsx", bad.read_bytes())})
    assert page.status_code == 200
    assert "第2行第D列「满意度得分」:101 超出0至100" in page.content.decode()
    good = sheet(tmp_path, *good_rows(w))
    response = client.post(url, {"file": SimpleUploadedFile("评价.xlsx", good.read_bytes())})
    assert response.status_code == 302 and PublicRating.objects.count() == 2


def _upload(path):
    return {"file_name": path.name, "content_base64": base64.b64encode(path.read_bytes()).decode()}


def test_the_api_imports_for_the_office_and_refuses_a_bad_file_with_422(
    client, collecting, tmp_path
):
    w = collecting
    url = f"/api/evaluation/rounds/{w.round.pk}/ratings/import"
    bad = sheet(tmp_path, ["锦水街道", w.urban_power.code, "", 101, 5], name="bad.xlsx")
    for user in (w.cast.reviewer, w.cast.town_a_clerk):
        client.force_login(user)
        refused = client.post(url, _upload(bad), content_type="application/json")
        assert refused.status_code == 403
    client.force_login(w.cast.office)
    refused = client.post(url, _upload(bad), content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"] == ["第2行第D列「满意度得分」:101 超出0至100"]
    assert PublicRating.objects.count() == 0
    broken = {"file_name": "a.xlsx", "content_base64": "不是base64"}
    assert client.post(url, broken, content_type="application/json").status_code == 422
    good = sheet(tmp_path, *good_rows(w))
    done = client.post(url, _upload(good), content_type="application/json")
    assert done.status_code == 200 and done.json() == {"recorded": 2, "warnings": []}
    assert PublicRating.objects.count() == 2


def test_the_command_imports_a_file_and_refuses_a_bad_one_changing_nothing(collecting, tmp_path):
    w = collecting
    bad = sheet(tmp_path, good_rows(w)[0], ["外县镇", "X", "", 90, 10], name="bad.xlsx")
    with pytest.raises(CommandError) as refused:
        call_command("evaluation_round", "ratings", str(w.round.pk), str(bad))
    assert "第3行第A列「乡镇(街道)」:外县镇不在评估范围内" in str(refused.value)
    assert PublicRating.objects.count() == 0
    with pytest.raises(CommandError, match="不存在"):
        call_command("evaluation_round", "ratings", str(w.round.pk), str(tmp_path / "无.xlsx"))
    out = io.StringIO()
    good = sheet(tmp_path, *good_rows(w))
    call_command("evaluation_round", "ratings", str(w.round.pk), str(good), stdout=out)
    assert out.getvalue().strip() == "已导入2条群众评价"
    assert PublicRating.objects.count() == 2
