"""Scenario 004 continued into enforcement: the justice bureau's guidance (执法指引) for
the county's penalty items, guiding cases (指导案例: 27 collected, expert-reviewed, 6
chosen and published) and the standard document set rendered for one case.

Runs after the duties part of 004 (registered under the same code from a lower app).
Source 004 (常州): enforcement guidance written for every delegated item, 27 cases
collected of which 6 were chosen as guiding cases, 71 kinds of format documents. Here the
county's 县城管局 handles one case under its own power by the general procedure (two
certified officers, legal review) and the system fills every document the case has and
its case file. The figures printed come from the selectors (`guidance_list`,
`guiding_case_list`, `case_documents`), never from counts kept here.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY
from quanze.catalog.models import Catalog
from quanze.enforcement.cases.models import Case
from quanze.enforcement.documents.selectors import (
    case_documents,
    case_file_content,
    case_record,
    document_content,
)
from quanze.enforcement.guidance import services as guidance
from quanze.enforcement.guidance.models import GuidingCase
from quanze.enforcement.guidance.selectors import guidance_list, guiding_case_list
from quanze.enforcement.scenarios import casework
from quanze.org.models import Department, Division, User

SEED = "004-enforcement"
COLLECTED = 27
CHOSEN = 6
PENALTY = "行政处罚"
CASE_TITLE = "擅自占用城市道路堆放建筑材料"
EXPERTS = ["县司法局 法制审核科", "县政府法律顾问 韩律师", "市城管执法支队 法制科"]
PROCEDURE = (
    "立案 → 调查取证(执法人员不少于两人,出示执法证件)→ 调查终结 → 法制审核(《行政处罚法》"
    "第五十八条情形)→ 告知陈述申辩、听证权利 → 作出决定 → 送达 → 执行 → 结案归档"
)
EVIDENCE = (
    "当事人身份证明;现场检查(勘验)笔录及现场照片、执法记录仪视频;询问笔录;"
    "违法行为持续时间、面积或数量的测量记录;责令改正通知书及整改情况"
)


def penalty_powers(county) -> list:
    """The penalty items of the county's published guiding catalog, by code."""
    catalog = Catalog.objects.filter(owner=county, kind=Catalog.Kind.GUIDING).first()
    version = catalog.versions.filter(status="published").first() if catalog else None
    if version is None:
        return []
    entries = version.entries.filter(power__power_type__name=PENALTY).select_related("power")
    return [e.power for e in entries.order_by("power__code")]


@transaction.atomic
def write_guidance(bureau, powers) -> None:
    """Published guidance for every penalty item of the county's guiding catalog."""
    done = set(guidance_list(bureau).values_list("power_id", flat=True))
    for power in powers:
        if power.pk in done:
            continue
        guidance.guidance_save(
            by=bureau,
            power=power,
            legal_basis=power.legal_basis or f"{power.name}的设定依据",
            procedure=PROCEDURE,
            evidence=EVIDENCE,
            notes=f"执法要点:查明{power.name.removeprefix('对').removesuffix('的处罚')}的事实、情节和后果,"
            "依照裁量基准确定处罚阶次。",
            publish=True,
        )


@transaction.atomic
def collect_guiding_cases(bureau, powers) -> None:
    """27 cases collected, each reviewed by two experts; 6 chosen and published."""
    if GuidingCase.objects.filter(county=bureau.county).exists():
        return
    rng = random.Random(SEED)
    chosen = set(rng.sample(range(COLLECTED), CHOSEN))
    for n, power in enumerate(rng.sample(powers, COLLECTED)):
        matter = power.name.removeprefix("对").removesuffix("的处罚")
        case = guidance.guiding_case_create(
            by=bureau,
            title=f"{matter}案",
            facts=f"当事人{matter},经执法人员现场检查、询问查实,违法事实清楚。",
            decision="依法责令改正,并处罚款。",
            points=f"认定{matter}须查清行为主体、持续时间和危害后果,裁量时考虑首违、主动改正等情节。",
            powers=[power],
            field=power.field,
        )
        for expert in rng.sample(EXPERTS, 2):
            guidance.review_add(
                by=bureau,
                guiding_case=case,
                reviewer=expert,
                opinion="事实清楚,适用法律正确,具有指导意义"
                if n in chosen
                else "案情典型性不足,不宜作为指导案例",
                recommend=n in chosen,
            )
        if n in chosen:
            guidance.guiding_case_decide(by=bureau, guiding_case=case, decision="choose")
            guidance.guiding_case_decide(by=bureau, guiding_case=case, decision="publish")
        else:
            guidance.guiding_case_decide(by=bureau, guiding_case=case, decision="reject")


@transaction.atomic
def document_case(bureau, clerk) -> Case:
    """One case of the 县城管局 under its own power, general procedure with legal review."""
    department = clerk.department
    found = Case.objects.filter(department=department, title=CASE_TITLE).first()
    if found:
        return found
    power = next(
        p
        for p in penalty_powers(bureau.county)
        if p.department_id == department.pk and "城市道路" in p.name
    )
    team = casework.certified_officers(
        bureau=bureau,
        names=["周建军", "吴海涛"],
        fields=[power.field],
        number_prefix="37012488",
        department=department,
    )
    justice = Department.objects.get(division=bureau.county, short_name="县司法局")
    reviewer = casework.legal_reviewer(
        bureau=bureau, name="孙法审", department=justice, qualification="A20183701000456"
    )
    plan = casework.Plan(
        power=power,
        opened_on=date(2025, 11, 3),
        path="general",
        title=CASE_TITLE,
        facts="当事人未经批准在榆山路占用城市道路堆放砂石、砖块等建筑材料,占用面积约30平方米。",
        place="平阴县榆山路与青龙路交叉口东50米",
        party=casework.Party(
            "organisation",
            "平阴县鑫源建材有限公司",
            "91370124MA3C8K2X1Q",
            "0531-87881234",
            "平阴县榆山街道建设路18号",
        ),
        source=Case.Source.COMPLAINT,
        fine=Decimal("5000"),
        review=True,
    )
    return casework.run(clerk, plan, team, bureau=bureau, reviewer=reviewer)


def report(bureau, case) -> dict:
    record = case_record(case)
    kinds = case_documents(case)
    sizes = {kind.code: len(document_content(record, kind, "docx")[0]) for kind in kinds}
    case_file = case_file_content(case)[0]
    guiding = guiding_case_list(bureau)
    return {
        "guidance": guidance_list(bureau, status="published").count(),
        "collected": guiding.count(),
        "published": guiding.filter(status=GuidingCase.Status.PUBLISHED).count(),
        "rejected": guiding.filter(status=GuidingCase.Status.REJECTED).count(),
        "case": case,
        "kinds": kinds,
        "sizes": sizes,
        "case_file_bytes": len(case_file),
    }


def print_report(figures: dict, stdout) -> None:
    stdout.write(f"执法指引:已发布 {figures['guidance']} 项(本县指导目录中的行政处罚事项)")
    stdout.write(
        f"指导案例:收集 {figures['collected']} 件,经专家评审入选并发布 {figures['published']} 件,"
        f"未入选 {figures['rejected']} 件"
    )
    case, kinds = figures["case"], figures["kinds"]
    stdout.write(
        f"案件 {case.number}({case.get_state_display()}):生成文书 {len(kinds)} 种(.docx):"
        + "、".join(k.name for k in kinds)
    )
    stdout.write(
        f"案卷 PDF {figures['case_file_bytes'] // 1024} KB(封面、卷内目录、全部文书、证据目录、备考表)"
    )


def load(*, stdout) -> None:
    county = Division.objects.get(code=COUNTY[0])
    bureau = User.objects.get(username="reviewer", county=county)
    powers = penalty_powers(county)
    write_guidance(bureau, powers)
    collect_guiding_cases(bureau, powers)
    case = document_case(bureau, User.objects.get(username="urban", county=county))
    print_report(report(bureau, case), stdout)
