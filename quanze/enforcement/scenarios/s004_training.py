"""Scenario 004 continued into training (培训): the justice bureau's lecturer group (讲师团)
and its "如山讲堂" courses, 2,100 attendances (人次) over the year, and the townships'
"菜单式" requests with the bureau's answers.

Source 004 (常州): "全市参训人数逾2100人次", "已组建的常州市行政执法业务培训讲师团 …
依申请为镇域综合行政执法机构提供'菜单式'选学和授课模式", and "各镇域均组建一支不少于10人
… 的综合行政执法专业队伍". Here each of the demo county's 20 townships has a team of ten
officers; 14 courses of 150 places each give the 2,100 attendances; the figures printed come
from the training report (`training_report`), never from counts kept here.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY
from quanze.enforcement.officers import services as officers
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.training import services as training
from quanze.enforcement.training.models import Course, TrainingRequest
from quanze.enforcement.training.selectors import training_report
from quanze.org.models import Division, User

SEED = "004-training"
YEAR = 2025
TEAM = 10
PLACES = 150
LECTURERS = [
    ("韩明", "县政府法律顾问", "行政处罚法、行政复议"),
    ("周建华", "县司法局行政执法监督科", "执法程序、案卷评查"),
    ("刘静", "市城管执法支队法制科", "城市管理执法实务"),
    ("陈涛", "县市场监管局法规科", "市场监管执法实务"),
    ("王磊", "县自然资源局执法大队", "自然资源执法实务"),
    ("赵丽", "山东某律师事务所", "证据规则、法制审核"),
]
COURSES = [
    "如山讲堂:行政处罚法与执法程序",
    "如山讲堂:执法文书制作与案卷规范",
    "如山讲堂:现场检查与调查取证",
    "如山讲堂:行政处罚裁量基准适用",
    "如山讲堂:城市管理领域执法实务",
    "如山讲堂:市场监管领域执法实务",
    "如山讲堂:自然资源与生态环境执法实务",
    "如山讲堂:应急管理与安全生产执法实务",
    "如山讲堂:执法记录仪使用与证据固定",
    "如山讲堂:重大执法决定法制审核",
    "如山讲堂:行政复议与行政诉讼应诉",
    "如山讲堂:柔性执法与执法用语规范",
    "如山讲堂:两法衔接",
    "如山讲堂:年度执法案例评析",
]


@transaction.atomic
def teams(bureau) -> list[Officer]:
    """Ten officers for each township of the county (those it has already count)."""
    rng = random.Random(SEED)
    people = []
    for township in Division.objects.filter(
        parent=bureau.county, level=Division.Level.TOWNSHIP
    ).order_by("code"):
        staff = list(Officer.objects.filter(township=township, active=True).order_by("id"))
        for n in range(len(staff), TEAM):
            staff.append(
                officers.officer_create(
                    by=bureau,
                    name=f"{township.name[:2]}队员{n + 1:02d}",
                    township=township,
                    position="综合执法队员",
                    post_type=rng.choice(
                        [Officer.PostType.ADMINISTRATIVE, Officer.PostType.INSTITUTIONAL]
                    ),
                )
            )
        people += staff[:TEAM]
    return people


@transaction.atomic
def courses(bureau, people: list[Officer]) -> None:
    """14 courses in the year, 150 of the county's officers at each (2,100 人次)."""
    if Course.objects.filter(county=bureau.county, title=COURSES[0]).exists():
        return
    rng = random.Random(SEED + "-courses")
    lecturers = [
        training.lecturer_add(by=bureau, name=name, organisation=org, topics=topics)
        for name, org, topics in LECTURERS
    ]
    for n, title in enumerate(COURSES):
        course = training.course_create(
            by=bureau,
            title=title,
            held_on=date(YEAR, 1 + (n * 11) // 14, 10 + n % 3 * 5),
            hours=Decimal(rng.choice((4, 6, 8))),
            lecturer=lecturers[n % len(lecturers)],
            place="县司法局培训中心(线上+线下)",
        )
        training.attendance_record(
            by=bureau, course=course, officers_=rng.sample(people, min(PLACES, len(people)))
        )


@transaction.atomic
def menu_requests(bureau) -> None:
    """Each township with a demo clerk asks for a topic; the bureau schedules two, and
    declines one (already covered by a county course)."""
    clerks = list(
        User.objects.filter(role=User.Role.TOWNSHIP_CLERK, county=bureau.county).order_by(
            "username"
        )
    )
    if TrainingRequest.objects.filter(county=bureau.county).exists() or not clerks:
        return
    topics = ["现场检查与调查取证", "重大执法决定法制审核", "执法文书制作与案卷规范"]
    for n, clerk in enumerate(clerks[:3]):
        request = training.request_submit(
            by=clerk,
            topic=topics[n],
            wanted_on=date(YEAR, 9, 1 + n * 7),
            attendees=TEAM,
            notes="本镇综合执法队新进队员较多,希望到镇授课并结合本镇案卷讲解",
        )
        accept = n < 2
        request = training.request_answer(
            by=bureau,
            request=request,
            accept=accept,
            answer="安排讲师团成员到镇授课" if accept else "该专题已列入县级如山讲堂,请组织参加",
        )
        if accept:
            training.course_create(
                by=bureau,
                title=f"送教到镇:{topics[n]}",
                held_on=date(YEAR, 9, 1 + n * 7),
                hours=Decimal(4),
                request=request,
                place=clerk.township.name,
            )


def print_report(bureau, stdout) -> None:
    report = training_report(bureau, year=YEAR)
    stdout.write(
        f"执法培训({YEAR}年):参训 {report.attendances} 人次,{report.hours} 学时,"
        f"讲师团 {len(LECTURERS)} 人;在岗人员 {report.officers} 人,"
        f"达到每年{report.minimum}学时的 {report.meeting} 人"
    )
    requests = TrainingRequest.objects.filter(county=bureau.county)
    stdout.write(
        f"菜单式培训需求 {requests.count()} 件:已安排 "
        f"{requests.filter(state=TrainingRequest.State.ACCEPTED).count()} 件,不予安排 "
        f"{requests.filter(state=TrainingRequest.State.DECLINED).count()} 件"
    )
    stdout.write(f"培训统计页面:/enforcement/training/report/?year={YEAR}")


def load(*, stdout) -> None:
    county = Division.objects.get(code=COUNTY[0])
    bureau = User.objects.get(username="reviewer", county=county)
    people = teams(bureau)
    courses(bureau, people)
    menu_requests(bureau)
    print_report(bureau, stdout)
