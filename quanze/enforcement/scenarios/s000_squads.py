"""Scenario 000 continued: the 20 city-management squads stationed in the townships.

000: "及时向20个镇(街道)各派驻1个城管执法中队,实行派出部门与镇(街道)双重管理体制,以镇
(街道)管理为主,日常考勤考评由镇(街道)负责 … 协调财政部门为镇(街道)配备必要的执法车辆".
Through the services: 县城管局 stations a squad in each township on the decision's
effective date with three of its officers (certified by the justice bureau) and equips it
(a vehicle, two body cameras); it asks each township's consent to appoint the squad's head
(the first township refuses once, with its reason, then agrees to another candidate);
each township records a month's attendance and appraises its squad. Every figure printed
comes from the system's own reads: `squad_list` and the staffing report.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY
from quanze.catalog.models import Field
from quanze.delegation.decisions.models import Decision
from quanze.delegation.scenarios.s000_approval import DOCUMENT_NUMBER
from quanze.enforcement.scenarios import casework
from quanze.enforcement.squads import rules
from quanze.enforcement.squads import selectors as squads_read
from quanze.enforcement.squads import services as squads
from quanze.enforcement.squads.models import HeadConsent, Squad
from quanze.enforcement.staffing.report import staffing_report
from quanze.enforcement.statistics.export import percent
from quanze.org.models import Department, Division, User

SEED = "000-squads"
STATIONED_ON = date(2025, 10, 1)  # the decision's effective date
ON = date(2026, 9, 30)  # the end of the scenario's year
MEMBERS = 3
APPRAISAL_YEAR = 2026
VEHICLE = "城管执法车(财政配备)"


def _clerk(township) -> User:
    clerk = User.objects.filter(township=township, role=User.Role.TOWNSHIP_CLERK).first()
    if clerk is None:
        raise LookupError(f"{township.name}没有经办人账号;先运行情景 000 的赋权部分")
    return clerk


@transaction.atomic
def generate(county: Division) -> None:
    """Station, staff and equip the squads and take them through the dual management
    (once: a rerun finds them and adds nothing)."""
    urban = Department.objects.get(division=county, short_name="县城管局")
    if Squad.objects.filter(department=urban, equipment__name=VEHICLE).exists():
        return
    department_clerk = User.objects.get(username="urban")
    bureau = User.objects.get(username="reviewer")
    field = Field.objects.get(name="城市管理")
    rng = random.Random(SEED)
    townships = list(county.children.filter(level=Division.Level.TOWNSHIP).order_by("code"))
    for n, township in enumerate(townships):
        clerk = _clerk(township)
        code = township.code[6:9]
        # One squad per township: scenario 001 may have stationed one there already.
        squad = Squad.objects.filter(department=urban, township=township).first()
        if squad is None:
            squad = squads.squad_create(
                by=department_clerk, township=township, established_on=STATIONED_ON
            )
        team = casework.certified_officers(
            bureau=bureau,
            names=[f"城管{township.name[:2]}队员{k}" for k in "一二三"],
            fields=[field],
            number_prefix=f"370124CG{code}",
            department=urban,
        )
        for officer in team:
            squads.member_add(
                by=department_clerk, squad=squad, officer=officer, joined_on=STATIONED_ON
            )
        squads.equipment_add(
            by=department_clerk, squad=squad, kind="vehicle", name=VEHICLE,
            identifier=f"鲁A·C{code}{n:02d}", acquired_on=STATIONED_ON,
        )  # fmt: skip
        squads.equipment_add(
            by=department_clerk, squad=squad, kind="recorder", name="执法记录仪", quantity=2
        )
        if n == 0:
            refused = squads.consent_request(
                by=department_clerk, squad=squad, candidate=team[1], reason="拟任中队长"
            )
            squads.consent_answer(
                by=clerk, consent=refused, agree=False,
                answer="该同志派驻时间短,不熟悉本镇情况,建议由熟悉辖区的队员担任",
            )  # fmt: skip
        consent = squads.consent_request(
            by=department_clerk, squad=squad, candidate=team[0], reason="业务骨干,熟悉辖区"
        )
        squads.consent_answer(by=clerk, consent=consent, agree=True, answer="同意")
        for officer in team:
            due = 22
            squads.attendance_record(
                by=clerk, squad=squad, officer=officer, month=date(2026, 9, 1),
                days_due=due, days_present=due - rng.choice([0, 0, 0, 1, 2]),
            )  # fmt: skip
        score = Decimal(rng.randrange(720, 985, 5)) / 10
        squads.appraisal_record(
            by=clerk, squad=squad, year=APPRAISAL_YEAR, score=score, comment="服从镇统一指挥调度"
        )


def report(county: Division) -> dict:
    office = User.objects.get(username="office")
    urban = Department.objects.get(division=county, short_name="县城管局")
    rows = list(squads_read.squad_list(office, department=urban.pk))
    consents = HeadConsent.objects.filter(squad__in=[r.pk for r in rows])
    grades: dict[str, int] = {}
    for squad in rows:
        for appraisal in squad.appraisals.all():
            grades[appraisal.grade] = grades.get(appraisal.grade, 0) + 1
    return {
        "squads": rows,
        "staffing": staffing_report(county, on=ON),
        "agreed": consents.filter(state=HeadConsent.State.AGREED).count(),
        "refused": consents.filter(state=HeadConsent.State.REFUSED).count(),
        "grades": grades,
    }


def print_report(figures: dict, stdout) -> None:
    rows, staffing = figures["squads"], figures["staffing"]
    townships = {r.township_id for r in rows}
    stdout.write(
        f"县城管局派驻中队:{len(rows)} 个,派驻 {len(townships)} 个镇(街道),"
        f"实行派出部门与镇(街道)双重管理、以镇(街道)管理为主(考勤、考评由镇(街道)负责)"
    )
    stationed = sum(r.member_count for r in rows)
    vehicles = sum(t.vehicles for t in staffing.townships)
    recorders = sum(t.recorders for t in staffing.townships)
    stdout.write(
        f"派驻队员 {stationed} 人;全县执法车辆 {vehicles} 辆,执法记录仪 {recorders} 台"
        f"(执法力量与编制报表,{ON:%Y-%m-%d});派驻中队人员在乡镇(街道)工作的比例计入"
        f"全县下沉比例 {percent(staffing.township_share)}"
    )
    stdout.write(
        f"中队长任免征求镇(街道)意见:同意 {figures['agreed']} 件,不同意 {figures['refused']} 件;"
        f"已任命中队长 {sum(1 for r in rows if r.head_id)} 名"
    )
    order = [name for _, name in rules.GRADES] + [rules.FAIL]
    grades = ",".join(f"{k} {figures['grades'][k]} 个" for k in order if k in figures["grades"])
    stdout.write(f"{APPRAISAL_YEAR}年度镇(街道)对派驻中队考评:{grades}")


def load(*, stdout) -> None:
    county = Division.objects.get(code=COUNTY[0])
    decision = Decision.objects.filter(
        document_number=DOCUMENT_NUMBER, status=Decision.Status.PUBLISHED
    ).first()
    if decision is None:
        stdout.write("(赋权决定尚未发布,派驻中队部分未载入)")
        return
    generate(county)
    print_report(report(county), stdout)
