"""Every importer the hostile corpus runs against, as one registry.

An importer gives: its valid rows (header + one good row, built for the test world),
`run(world, path, file_name) -> Outcome`, what it may write (`counts`), and `reader`,
the dotted path of the function that reads a file `(path, file_name)` without the
database, which the memory-limited subprocess probe calls. Every import entry point is
here: the catalog (service, `import_catalog`, upload page), territorial lists (service,
upload page), the 12345 hotline (service, page, API), discretion benchmarks (service,
`benchmark_table import`, page, API) and an evaluation round's public ratings (service,
page, API, `evaluation_round ratings`); a new importer (exam results …) is one more entry.
"""

import io
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse


@dataclass
class Outcome:
    accepted: bool
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Importer:
    name: str
    rows: object  # (world) -> list[list]
    run: object  # (world, path, file_name) -> Outcome
    counts: object  # () -> dict of what it may write
    reader: str  # "module:function" reading (path, file_name) without the database


# ---------------------------------------------------------------- catalog


def _catalog_rows(world):
    return [
        ["序号", "事项编码", "事项名称", "子项名称", "职权类型", "实施部门", "设定依据"],
        ["1", "FW000001", "对擅自占用城市道路行为的处罚", "", "行政处罚", "平阴县城市管理局",
         "【行政法规】《城市道路管理条例》第四十二条"],
    ]  # fmt: skip


def _catalog_counts():
    from quanze.catalog.importing.tests.sheets import world

    return world()


def _catalog_service(world, path, name):
    from quanze.catalog.importing import ImportRejected, import_plan

    try:
        plan = import_plan(by=world.office, catalog=world.catalog, path=path, file_name=name)
    except ImportRejected as rejected:
        return Outcome(False, rejected.messages)
    return Outcome(True, warnings=plan.warnings)


def _catalog_cli(world, path, name):
    # The command takes the file's own name, so give it the name the case chose.
    out = io.StringIO()
    try:
        call_command(
            "import_catalog", str(path), "--catalog", str(world.catalog.pk), "--dry-run",
            stdout=out, stderr=out,
        )  # fmt: skip
    except CommandError as error:
        return Outcome(False, [str(error)])
    except SystemExit as exit_:
        return Outcome(exit_.code in (0, None), [out.getvalue()])
    return Outcome(True, warnings=[out.getvalue()])


def _catalog_web(world, path, name):
    from quanze.catalog.models import ImportJob

    world.client.force_login(world.office)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = world.client.post(
        reverse("catalog:import_start", args=[world.catalog.pk]), {"file": upload}
    )
    assert response.status_code in (200, 302), response.status_code
    job = ImportJob.objects.order_by("-pk").first()
    if job is None:  # refused by the form itself
        form = response.context["form"]
        return Outcome(False, [str(e) for errors in form.errors.values() for e in errors])
    if job.status == ImportJob.Status.FAILED:
        assert job.file_path == "", "a rejected upload must not be kept"
        return Outcome(False, list(job.errors))
    return Outcome(True, warnings=list(job.summary.get("warnings", [])))


def _catalog_api(world, path, name):
    """The catalog import API: a Base64 upload planned as a job (failed: the file's errors)."""
    import base64

    world.client.force_login(world.office)
    body = {
        "file_name": name,
        "content_base64": base64.b64encode(path.read_bytes()).decode(),
        "mode": "merge",
    }
    url = f"/api/catalog/catalogs/{world.catalog.pk}/imports"
    response = world.client.post(url, body, content_type="application/json")
    assert response.status_code in (201, 422), (response.status_code, response.content)
    data = response.json()
    if response.status_code == 422:
        return Outcome(False, _api_errors(data))
    if data["status"] == "failed":
        return Outcome(False, [str(e) for e in data["errors"]])
    return Outcome(True, warnings=list(data["summary"].get("warnings", [])))


def _quota_api(world, path, name):
    return _api_post(world, world.office, "/api/enforcement/staffing/import", path, name)


# ---------------------------------------------------------------- territorial list


def _territorial_rows(world):
    return [
        ["序号", "事项名称", "领域", "主体责任部门", "配合乡镇(街道)", "配合责任"],
        ["1", "占道经营管理", "城市管理", "平阴县城市管理局", "全部乡镇(街道)", "巡查劝导"],
    ]


def _territorial_counts():
    from quanze.duties.models import Matter, ResponsibilityItem

    return {"items": ResponsibilityItem.objects.count(), "matters": Matter.objects.count()}


def _territorial(world, path, name):
    from quanze.catalog.importing.problems import ImportRejected
    from quanze.duties.territorial.importing import import_list

    warnings: list[str] = []
    try:
        import_list(
            by=world.office, version=world.draft, path=path, file_name=name, warnings=warnings
        )
    except ImportRejected as rejected:
        return Outcome(False, rejected.messages)
    return Outcome(True, warnings=warnings)


def _territorial_web(world, path, name):
    world.client.force_login(world.office)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = world.client.post(
        reverse("duties:version_import", args=[world.draft.pk]), {"file": upload}
    )
    if response.status_code == 302:
        return Outcome(True, warnings=_notes(response))
    assert response.status_code == 200, response.status_code
    problems = list(response.context["problems"]) or _form_errors(response)
    return Outcome(False, problems)


def _notes(response) -> list[str]:
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request)]


def _form_errors(response) -> list[str]:
    form = response.context["form"]
    return [str(e) for errors in form.errors.values() for e in errors]


def _api_post(world, user, url, path, name):
    """A Base64 upload through the JSON API, as a logged-in browser sends it."""
    import base64

    world.client.force_login(user)
    body = {"file_name": name, "content_base64": base64.b64encode(path.read_bytes()).decode()}
    response = world.client.post(url, body, content_type="application/json")
    assert response.status_code in (200, 201, 422), (response.status_code, response.content)
    data = response.json()
    if response.status_code == 422:
        return Outcome(False, _api_errors(data))
    return Outcome(True, warnings=list(data.get("warnings", [])))


def _api_errors(data) -> list[str]:
    errors = data.get("errors") or [data.get("detail")]
    return [str(e) for e in errors]


# ---------------------------------------------------------------- 12345 hotline


def _hotline_rows(world):
    return [
        ["工单编号", "来电时间", "诉求内容", "乡镇(街道)", "村(社区)", "详细地址"],
        ["GD2025001", "2025-03-01 08:30", "小区门口垃圾桶满溢三天没有清运", "锦水街道", "", "东关街12号"],
    ]  # fmt: skip


def _hotline_counts():
    from quanze.dispatch.models import Event, EventLog

    return {"events": Event.objects.count(), "logs": EventLog.objects.count()}


def _hotline(world, path, name):
    from quanze.dispatch.hotline.services import HotlineRejected, hotline_import

    try:
        result = hotline_import(by=world.office, county=world.county, path=path, file_name=name)
    except HotlineRejected as rejected:
        return Outcome(False, rejected.problems)
    return Outcome(True, warnings=result.warnings)


def _hotline_web(world, path, name):
    from django.contrib.messages import get_messages

    world.client.force_login(world.office)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = world.client.post(reverse("dispatch:hotline"), {"file": upload})
    if response.status_code == 302:
        notes = [str(m) for m in get_messages(response.wsgi_request)]
        return Outcome(True, warnings=notes)
    assert response.status_code == 200, response.status_code
    problems = list(response.context["problems"])
    if not problems:
        form = response.context["form"]
        problems = [str(e) for errors in form.errors.values() for e in errors]
    return Outcome(False, problems)


# ---------------------------------------------------------------- 地名库 (gazetteer)


def _gazetteer_rows(world):
    return [
        ["地名", "乡镇(街道)", "村(社区)", "类别"],
        ["东关街", "锦水街道", "", "道路街巷"],
    ]


def _gazetteer_counts():
    from quanze.dispatch.models import PlaceName

    return {"places": PlaceName.objects.count()}


def _gazetteer(world, path, name):
    from quanze.dispatch.intake.gazetteer import GazetteerRejected, gazetteer_import

    try:
        result = gazetteer_import(by=world.office, county=world.county, path=path, file_name=name)
    except GazetteerRejected as rejected:
        return Outcome(False, rejected.problems)
    return Outcome(True, warnings=result.warnings)


# ---------------------------------------------------------------- staffing quotas (编制)


def _quota_rows(world):
    return [
        ["单位", "编制类型", "核定编制数", "实有人数", "文号", "事由"],
        ["锦水街道", "行政编制", "30", "28", "平编〔2023〕5号", "增加镇级行政编制"],
    ]


def _quota_counts():
    from quanze.enforcement.staffing.models import QuotaChange, StaffingQuota

    return {"quotas": StaffingQuota.objects.count(), "changes": QuotaChange.objects.count()}


def _quota(world, path, name):
    from quanze.enforcement.staffing.importing import QuotasRejected, quotas_import

    try:
        result = quotas_import(by=world.office, path=path, file_name=name)
    except QuotasRejected as rejected:
        return Outcome(False, rejected.problems)
    return Outcome(True, warnings=result.warnings)


def _quota_cli(world, path, name):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "staffing_quotas", "import", str(path), "--user", world.office.username,
            stdout=out, stderr=err,
        )  # fmt: skip
    except CommandError as error:
        return Outcome(False, [str(error)])
    return Outcome(True, warnings=[line for line in err.getvalue().splitlines() if line])


# ---------------------------------------------------------------- exam results


def _exam_sitting(world):
    """A sitting of the world's county with one candidate (made once per world)."""
    if not hasattr(world, "sitting"):
        from datetime import date

        from quanze.enforcement.exams import services as exams
        from quanze.enforcement.officers import services as officers
        from quanze.org.models import Division, User

        bureau = User.objects.get(username="reviewer")
        town = Division.objects.filter(parent=world.county, level="township").first()
        person = officers.officer_create(by=bureau, name="孙一", township=town)
        world.bureau = bureau
        world.sitting = exams.sitting_create(by=bureau, title="考试", held_on=date(2025, 6, 14))
        exams.candidates_register(by=bureau, sitting=world.sitting, officers_=[person])
    return world.sitting


def _exam_rows(world):
    ticket = _exam_sitting(world).candidates.get().ticket
    return [["准考证号", "姓名", "成绩"], [ticket, "孙一", 75]]


def _exam_counts():
    from quanze.core.models import ChangeRecord
    from quanze.enforcement.exams.models import Candidate

    return {
        "results": Candidate.objects.filter(score__isnull=False).count(),
        "absent": Candidate.objects.filter(absent=True).count(),
        "records": ChangeRecord.objects.count(),
    }


def _exam_service(world, path, name):
    from quanze.enforcement.exams import services as exams
    from quanze.enforcement.exams.results import ResultsRejected

    warnings: list[str] = []
    try:
        exams.results_import(
            by=world.bureau, sitting=world.sitting, path=path, file_name=name, warnings=warnings
        )
    except ResultsRejected as rejected:
        return Outcome(False, rejected.problems)
    return Outcome(True, warnings=warnings)


def _exam_web(world, path, name):
    from django.contrib.messages import get_messages

    world.client.force_login(world.bureau)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = world.client.post(
        reverse("enforcement:exam_results", args=[world.sitting.pk]), {"file": upload}
    )
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    if response.status_code == 302:
        errors = [n for n in notes if n.startswith("导入成绩:")]
        if errors:
            return Outcome(False, errors)
        return Outcome(True, warnings=notes)
    assert response.status_code == 200, response.status_code
    return Outcome(False, list(response.context["problems"]))


def _hotline_api(world, path, name):
    return _api_post(world, world.office, "/api/dispatch/hotline", path, name)


# ---------------------------------------------------------------- discretion benchmarks


def _benchmark_rows(world):
    return [
        ["序号", "事项编码", "违法行为", "法律依据", "处罚依据", "裁量阶次", "适用情形", "处罚标准"],
        ["1", "FW000001", "擅自占用城市道路", "《城市道路管理条例》第二十七条",
         "《城市道路管理条例》第四十二条", "一般", "", "处6000元以上1.4万元以下罚款"],
    ]  # fmt: skip


def _benchmark_counts():
    from quanze.enforcement.benchmarks.models import BenchmarkItem, BenchmarkRow

    return {"items": BenchmarkItem.objects.count(), "rows": BenchmarkRow.objects.count()}


def _benchmark_service(world, path, name):
    from quanze.catalog.importing.problems import ImportRejected
    from quanze.enforcement.benchmarks import services

    warnings: list[str] = []
    try:
        services.version_import(
            by=world.bureau, version=world.benchmark_draft, path=path, file_name=name,
            warnings=warnings,
        )  # fmt: skip
    except ImportRejected as rejected:
        return Outcome(False, rejected.messages)
    return Outcome(True, warnings=warnings)


def _benchmark_cli(world, path, name):
    out = io.StringIO()
    try:
        call_command(
            "benchmark_table", "import", str(world.benchmark_draft.pk), str(path),
            "--user", world.bureau.username, stdout=out, stderr=out,
        )  # fmt: skip
    except CommandError as error:
        return Outcome(False, [str(error)])
    return Outcome(True, warnings=[out.getvalue()])


def _benchmark_web(world, path, name):
    world.client.force_login(world.bureau)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = world.client.post(
        reverse("enforcement:benchmark_import", args=[world.benchmark_draft.pk]), {"file": upload}
    )
    assert response.status_code == 302, response.status_code
    notes = _notes(response)
    problems = [n for n in notes if not n.startswith(("已导入", "导入:注意"))]
    if any(n.startswith("已导入") for n in notes):
        return Outcome(True, warnings=notes)
    return Outcome(False, problems)


def _benchmark_api(world, path, name):
    url = f"/api/enforcement/benchmarks/versions/{world.benchmark_draft.pk}/import"
    return _api_post(world, world.bureau, url, path, name)


# ---------------------------------------------------------------- public ratings (evaluation)


def _rating_world(world):
    """Once per test: a township list holding a power from 2025 and a round collecting
    inputs over 2025 (built when the entry's rows are first asked for)."""
    if hasattr(world, "rating_round"):
        return world
    from datetime import date

    from quanze.enforcement.tests.world import publish_list
    from quanze.evaluation.rounds import services as rounds
    from quanze.org.models import Division
    from quanze.testing import factories as f

    world.rating_town = (
        Division.objects.filter(parent=world.county, level=Division.Level.TOWNSHIP)
        .order_by("code")
        .first()
    )
    world.rating_power = f.PowerFactory(owner=world.county, code="PJ000001", name="群众评价事项")
    publish_list(world.rating_town, "评价用乡镇清单", [world.rating_power], on=date(2025, 1, 1))
    found = rounds.round_create(
        by=world.office, title="群众评价导入", start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    world.rating_round = rounds.round_open(by=world.office, round_=found)
    return world


def _rating_rows(world):
    w = _rating_world(world)
    return [
        ["乡镇(街道)", "事项编码", "满意度得分", "参评人数"],
        [w.rating_town.name, w.rating_power.code, "90", "10"],
    ]


def _rating_counts():
    from quanze.evaluation.rounds.models import PublicRating

    return {"ratings": PublicRating.objects.count()}


def _rating_service(world, path, name):
    from django.core.exceptions import ValidationError

    from quanze.evaluation.rounds import services as rounds

    warnings: list[str] = []
    try:
        rounds.ratings_import(
            by=world.office, round_=_rating_world(world).rating_round, path=path,
            file_name=name, warnings=warnings,
        )  # fmt: skip
    except ValidationError as error:
        return Outcome(False, list(error.messages))
    return Outcome(True, warnings=warnings)


def _rating_web(world, path, name):
    w = _rating_world(world)
    w.client.force_login(w.office)
    upload = SimpleUploadedFile(name, path.read_bytes())
    response = w.client.post(
        reverse("evaluation:round_ratings_import", args=[w.rating_round.pk]), {"file": upload}
    )
    if response.status_code == 302:
        return Outcome(True, warnings=_notes(response))
    assert response.status_code == 200, response.status_code
    problems = list(response.context["problems"]) or _form_errors(response)
    return Outcome(False, problems)


def _rating_api(world, path, name):
    w = _rating_world(world)
    url = f"/api/evaluation/rounds/{w.rating_round.pk}/ratings/import"
    return _api_post(w, w.office, url, path, name)


def _rating_cli(world, path, name):
    w = _rating_world(world)
    out = io.StringIO()
    try:
        call_command(
            "evaluation_round", "ratings", str(w.rating_round.pk), str(path),
            stdout=out, stderr=out,
        )  # fmt: skip
    except CommandError as error:
        return Outcome(False, [str(error)])
    return Outcome(True, warnings=[out.getvalue()])


IMPORTERS = {
    importer.name: importer
    for importer in (
        Importer(
            "catalog-service", _catalog_rows, _catalog_service, _catalog_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "catalog-cli-dry-run", _catalog_rows, _catalog_cli, _catalog_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "catalog-web-upload", _catalog_rows, _catalog_web, _catalog_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "catalog-api", _catalog_rows, _catalog_api, _catalog_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "staffing-quotas-api", _quota_rows, _quota_api, _quota_counts,
            "quanze.enforcement.staffing.importing:read_rows",
        ),
        Importer(
            "territorial-list", _territorial_rows, _territorial, _territorial_counts,
            "quanze.duties.territorial.importing:read_rows",
        ),
        Importer(
            "hotline-service", _hotline_rows, _hotline, _hotline_counts,
            "quanze.dispatch.hotline.services:read_rows",
        ),
        Importer(
            "hotline-web-upload", _hotline_rows, _hotline_web, _hotline_counts,
            "quanze.dispatch.hotline.services:read_rows",
        ),
        Importer(
            "gazetteer-service", _gazetteer_rows, _gazetteer, _gazetteer_counts,
            "quanze.dispatch.intake.gazetteer:read_rows",
        ),
        Importer(
            "staffing-quotas-service", _quota_rows, _quota, _quota_counts,
            "quanze.enforcement.staffing.importing:read_rows",
        ),
        Importer(
            "staffing-quotas-cli", _quota_rows, _quota_cli, _quota_counts,
            "quanze.enforcement.staffing.importing:read_rows",
        ),
        Importer(
            "exam-results-service", _exam_rows, _exam_service, _exam_counts,
            "quanze.enforcement.exams.results:read_rows",
        ),
        Importer(
            "exam-results-web-upload", _exam_rows, _exam_web, _exam_counts,
            "quanze.enforcement.exams.results:read_rows",
        ),
        Importer(
            "hotline-api", _hotline_rows, _hotline_api, _hotline_counts,
            "quanze.dispatch.hotline.services:read_rows",
        ),
        Importer(
            "territorial-web-upload", _territorial_rows, _territorial_web, _territorial_counts,
            "quanze.duties.territorial.importing:read_rows",
        ),
        Importer(
            "benchmark-service", _benchmark_rows, _benchmark_service, _benchmark_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "benchmark-cli", _benchmark_rows, _benchmark_cli, _benchmark_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "benchmark-web-upload", _benchmark_rows, _benchmark_web, _benchmark_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "benchmark-api", _benchmark_rows, _benchmark_api, _benchmark_counts,
            "quanze.catalog.importing.reader:read_tables",
        ),
        Importer(
            "public-ratings-service", _rating_rows, _rating_service, _rating_counts,
            "quanze.evaluation.rounds.ratings_import:read_rows",
        ),
        Importer(
            "public-ratings-web-upload", _rating_rows, _rating_web, _rating_counts,
            "quanze.evaluation.rounds.ratings_import:read_rows",
        ),
        Importer(
            "public-ratings-api", _rating_rows, _rating_api, _rating_counts,
            "quanze.evaluation.rounds.ratings_import:read_rows",
        ),
        Importer(
            "public-ratings-cli", _rating_rows, _rating_cli, _rating_counts,
            "quanze.evaluation.rounds.ratings_import:read_rows",
        ),
    )
}  # fmt: skip
