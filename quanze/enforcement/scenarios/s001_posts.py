"""Scenario 001 continued: posts follow the delegated work (编随事走).

001: "根据各镇承接赋权事项,增加镇级行政编制19名。遵循'县属镇用共管'的原则,对编制较为充裕的
交通、城管、农业执法大队,下沉编制36名,在部分镇设立派驻执法中队,与镇执法大队合署办公 …
确保60%以上执法人员下沉到镇。"

Through the services, as the establishment office (编办) and the units would: each
township's administrative and institutional posts; 19 added administrative posts, one
each to the 19 townships that claimed the most items in the scenario's claiming window
(the one with the fewest gets none); the three teams' institutional posts, and 36 of them
sunk to six towns (交通 12, 城管 16, 农业 8), where each department stations a squad with
as many of its officers as posts sunk; each township team's officers (certified by the
justice bureau). The figures printed come from the staffing report and the quota
changes, as the pages show them.
"""

from datetime import date

from django.db import transaction
from django.db.models import Count, Q, Sum

from quanze.catalog.demo.loader import COUNTY
from quanze.catalog.models import Field
from quanze.core.history import model_state, record_change
from quanze.delegation.claims.models import Claim
from quanze.delegation.scenarios.s001 import WINDOW_TITLE
from quanze.enforcement.scenarios import casework
from quanze.enforcement.squads import services as squads
from quanze.enforcement.squads.models import Squad
from quanze.enforcement.staffing import services as staffing
from quanze.enforcement.staffing.models import PostKind, PostSinking, QuotaChange, StaffingQuota
from quanze.enforcement.staffing.report import staffing_report
from quanze.enforcement.statistics.export import percent
from quanze.org.models import Department, Division, User

ADDED_DOCUMENT = "平编〔2023〕5号"
SUNK_DOCUMENT = "平编〔2023〕6号"
ON = date(2023, 6, 1)
REPORT_ON = date(2025, 6, 30)  # the demo county's township lists are in force
ADDED = 19
# (department short name, its team's institutional posts approved / filled, posts sunk to
# each of its towns); towns by the last three digits of their codes.
TEAMS = [
    ("县交通运输局", 30, 28, {"100": 3, "101": 3, "102": 3, "104": 3}),
    ("县城管局", 44, 42, {"101": 4, "102": 4, "105": 4, "106": 4}),
    ("县农业农村局", 24, 22, {"100": 2, "104": 2, "105": 2, "106": 2}),
]
BASE_ADMINISTRATIVE = (28, 26)  # approved, filled per township before the addition
BASE_INSTITUTIONAL = (40, 37)
TEAM_SIZE = (5, 9)  # a township team's own officers: by claimed items, in this range


def _claimed(county: Division) -> dict[int, int]:
    rows = (
        Claim.objects.filter(window__title=WINDOW_TITLE, township__parent=county, claimed=True)
        .values("township_id")
        .annotate(n=Count("id"))
    )
    return {r["township_id"]: r["n"] for r in rows}


def _department_clerk(county: Division, department: Department) -> User:
    """The department's clerk: the demo's where it has one, else one made for the scenario
    (its squads are the department's to station)."""
    found = User.objects.filter(department=department, role=User.Role.DEPARTMENT_CLERK).first()
    if found:
        return found
    user = User.objects.create_user(
        username=f"s001-d{department.pk}",
        password=None,
        role=User.Role.DEPARTMENT_CLERK,
        county=county,
        department=department,
        display_name=f"{department.short_name or department} 经办人",
    )
    record_change(user, action="create", actor=None, after=model_state(user, ["username", "role"]))
    return user


@transaction.atomic
def generate(county: Division) -> None:
    """Once: a rerun finds the added posts and adds nothing."""
    if QuotaChange.objects.filter(document_number=ADDED_DOCUMENT, quota__county=county).exists():
        return
    office = User.objects.get(username="office")
    bureau = User.objects.get(username="reviewer")
    townships = list(county.children.filter(level=Division.Level.TOWNSHIP).order_by("code"))
    claimed = _claimed(county)
    ranked = sorted(townships, key=lambda t: (-claimed.get(t.pk, 0), t.code))
    fields = list(Field.objects.filter(name__in=["城市管理", "交通运输", "农业农村"]))
    most, least = max(claimed.values(), default=0), min(claimed.values(), default=0)
    for township in townships:
        for kind, (approved, filled) in (
            (PostKind.ADMINISTRATIVE, BASE_ADMINISTRATIVE),
            (PostKind.INSTITUTIONAL, BASE_INSTITUTIONAL),
        ):
            staffing.quota_set(
                by=office, township=township, kind=kind, approved=approved, filled=filled,
                document_number="平编〔2019〕12号", on=date(2019, 12, 1), reason="乡镇机构改革“三定”",
            )  # fmt: skip
        span = most - least or 1
        size = TEAM_SIZE[0] + round(
            (claimed.get(township.pk, least) - least) * (TEAM_SIZE[1] - TEAM_SIZE[0]) / span
        )
        casework.certified_officers(
            bureau=bureau,
            names=[f"{township.name[:2]}综合执法队员{k + 1}" for k in range(size)],
            fields=fields,
            number_prefix=f"370124Z{township.code[6:9]}",
            township=township,
        )
    for township in ranked[:ADDED]:
        quota = StaffingQuota.objects.get(township=township, kind=PostKind.ADMINISTRATIVE)
        staffing.quota_set(
            by=office, township=township, kind=PostKind.ADMINISTRATIVE,
            approved=quota.approved + 1, filled=quota.filled + 1, document_number=ADDED_DOCUMENT,
            on=ON, reason="根据各镇承接赋权事项增加镇级行政编制",
        )  # fmt: skip
    by_code = {t.code[6:9]: t for t in townships}
    for short_name, approved, filled, sinks in TEAMS:
        department = Department.objects.get(division=county, short_name=short_name)
        clerk = _department_clerk(county, department)
        staffing.quota_set(
            by=office, department=department, kind=PostKind.INSTITUTIONAL, approved=approved,
            filled=filled, document_number="平编〔2019〕20号", on=date(2019, 12, 1),
            reason="执法大队“三定”",
        )  # fmt: skip
        team = casework.certified_officers(
            bureau=bureau,
            names=[f"{short_name[1:-1]}执法大队队员{k + 1}" for k in range(filled)],
            fields=fields,
            number_prefix=f"370124D{department.pk:03d}",
            department=department,
        )
        start = 0
        for town_code, count in sinks.items():
            township = by_code[town_code]
            staffing.sinking_create(
                by=office, department=department, township=township, kind=PostKind.INSTITUTIONAL,
                count=count, filled=count, on=ON, document_number=SUNK_DOCUMENT,
                note="县属镇用共管,与镇执法大队合署办公",
            )  # fmt: skip
            squad = Squad.objects.filter(department=department, township=township).first()
            if squad is None:
                squad = squads.squad_create(by=clerk, township=township, established_on=ON)
            for officer in team[start : start + count]:
                squads.member_add(by=clerk, squad=squad, officer=officer, joined_on=ON)
            start += count


def report(county: Division) -> dict:
    changes = QuotaChange.objects.filter(document_number=ADDED_DOCUMENT, quota__county=county)
    sunk = PostSinking.objects.filter(county=county, document_number=SUNK_DOCUMENT)
    return {
        "added": changes.aggregate(n=Sum("change"))["n"] or 0,
        "added_townships": changes.values("quota__township").distinct().count(),
        "sunk": list(
            sunk.values("department__name")
            .annotate(n=Sum("count"), towns=Count("township", distinct=True))
            .order_by("department__name")
        ),
        "staffing": staffing_report(county, on=REPORT_ON),
        "squads": Squad.objects.filter(county=county, members__joined_on=ON).aggregate(
            n=Count("id", distinct=True), members=Count("members", filter=Q(members__joined_on=ON))
        ),
    }


def print_report(figures: dict, stdout) -> None:
    r = figures["staffing"]
    posts = r.posts()
    stdout.write(
        f"编制({ADDED_DOCUMENT}):增加镇级行政编制 {figures['added']} 名,"
        f"分配至 {figures['added_townships']} 个镇(街道)"
    )
    sunk = figures["sunk"]
    stdout.write(
        f"下沉编制({SUNK_DOCUMENT},县属镇用共管)合计 {sum(s['n'] for s in sunk)} 名:"
        + ",".join(f"{s['department__name']} {s['n']} 名至 {s['towns']} 个镇" for s in sunk)
    )
    stdout.write(
        f"派驻执法中队 {figures['squads']['n']} 个,队员 {figures['squads']['members']} 人,与镇执法大队合署办公"
    )
    stdout.write(
        f"执法人员 {r.officers} 人,在镇(街道)工作 {r.in_townships} 人,下沉比例 "
        f"{percent(r.township_share)}(目标 ≥ {percent(r.target)}:{'达标' if r.target_met else '未达标'})"
    )
    stdout.write(
        f"编制合计:核定 {posts['approved']} 名,实有 {posts['filled']} 名,空编 {posts['vacant']} 名;"
        f"持证执法人员少于 {r.minimum} 人的镇(街道) {len(r.overloaded)} 个"
    )
    stdout.write("执法力量与编制页面:/enforcement/staffing/?on=" + REPORT_ON.isoformat())


def load(*, stdout) -> None:
    county = Division.objects.get(code=COUNTY[0])
    generate(county)
    print_report(report(county), stdout)
