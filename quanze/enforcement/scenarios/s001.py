"""Scenario 001 continued into enforcement: the qualification exam (执法资格考试).

Source 001 (平阴县): "各镇报考人数186人,其中179人取得执法资格". Here the county justice
bureau holds a sitting; each township's enforcement staff are registered by their unit
(its clerk where the demo county has one, else the bureau); the results come back as an
.xlsx sheet imported through the same all-or-nothing importer the page uses; the bureau
issues a certificate to everyone who passed. The figures printed come from the exam's own
report (`pass_rates`), never from counts kept here.

Runs after the delegation part of 001 (registered under the same code from a lower app).
"""

import random
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from openpyxl import Workbook

from quanze.catalog.demo.loader import COUNTY
from quanze.catalog.models import Field
from quanze.enforcement.exams import services as exams
from quanze.enforcement.exams.models import Sitting
from quanze.enforcement.exams.selectors import pass_rates
from quanze.enforcement.officers import services as officers
from quanze.enforcement.officers.models import Officer
from quanze.org.models import Division, User

SEED = "001-exam"
TITLE = "2025年平阴县乡镇(街道)综合行政执法人员执法资格考试"
HELD_ON = date(2025, 6, 14)
SAT = 186
PASSED = 179
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国伟强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰芳丽敏静海燕鹏飞宇浩然欣怡晨阳"
FIELDS = ("城市管理", "市场监管", "自然资源", "生态环境", "农业农村", "应急管理")


def _names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        if name not in names:
            names.append(name)
    return names


def _scores(rng: random.Random) -> list[Decimal]:
    """179 scores of 60 and over, 7 under, in a shuffled order."""
    passing = [Decimal(rng.randint(600, 985)) / 10 for _ in range(PASSED)]
    failing = [Decimal(rng.randint(380, 595)) / 10 for _ in range(SAT - PASSED)]
    scores = passing + failing
    rng.shuffle(scores)
    return scores


@transaction.atomic
def register(bureau) -> Sitting:
    """The sitting and 186 candidates from the 20 townships, registered by their units."""
    found = Sitting.objects.filter(county=bureau.county, title=TITLE).first()
    if found:
        return found
    rng = random.Random(SEED)
    townships = list(
        Division.objects.filter(parent=bureau.county, level=Division.Level.TOWNSHIP).order_by(
            "code"
        )
    )
    sitting = exams.sitting_create(by=bureau, title=TITLE, held_on=HELD_ON)
    names = iter(_names(rng, SAT))
    share, extra = divmod(SAT, len(townships))
    clerks = {
        u.township_id: u
        for u in User.objects.filter(role=User.Role.TOWNSHIP_CLERK, county=bureau.county)
    }
    for n, township in enumerate(townships):
        staff = []
        for _ in range(share + (1 if n < extra else 0)):
            staff.append(
                officers.officer_create(
                    by=bureau,
                    name=next(names),
                    township=township,
                    position="综合执法队员",
                    post_type=rng.choice(
                        [Officer.PostType.ADMINISTRATIVE, Officer.PostType.INSTITUTIONAL]
                    ),
                )
            )
        exams.candidates_register(
            by=clerks.get(township.pk, bureau), sitting=sitting, officers_=staff
        )
    return sitting


def results_sheet(sitting: Sitting, folder: Path) -> Path:
    """The results as the exam centre sends them: 准考证号, 姓名, 成绩."""
    rng = random.Random(SEED + "-scores")
    book = Workbook()
    sheet = book.active
    sheet.append(["准考证号", "姓名", "成绩"])
    candidates = sitting.candidates.select_related("officer").order_by("ticket")
    for candidate, score in zip(candidates, _scores(rng), strict=True):
        sheet.append([candidate.ticket, candidate.officer.name, float(score)])
    path = folder / "成绩.xlsx"
    book.save(path)
    return path


def certify(bureau, sitting: Sitting) -> None:
    if not sitting.candidates.filter(passed=True, certificate__isnull=True).exists():
        return
    fields = list(Field.objects.filter(name__in=FIELDS)) or list(Field.objects.all()[:1])
    exams.certificates_issue(
        by=bureau,
        sitting=sitting,
        issuer="山东省人民政府",
        fields=fields,
        valid_from=date(2025, 7, 1),
        valid_to=date(2030, 6, 30),
        prefix="37012425",
    )


def print_report(sitting: Sitting, stdout) -> None:
    rates = pass_rates(sitting)
    stdout.write(
        f"执法资格考试「{sitting.title}」:报考 {rates.sat} 人,取得执法资格 {rates.passed} 人,"
        f"通过率 {rates.percent}%;已核发执法证 {rates.certified} 本"
    )
    low = min(rates.units, key=lambda u: (u.rate or 0, u.unit))
    stdout.write(
        f"各乡镇(街道) {len(rates.units)} 个,通过率最低的是{low.unit}({low.passed}/{low.sat})"
    )
    stdout.write(f"考试页面:/enforcement/exams/{sitting.pk}/")


def load(*, stdout) -> None:
    county = Division.objects.get(code=COUNTY[0])
    bureau = User.objects.get(username="reviewer", county=county)
    sitting = register(bureau)
    if sitting.state == Sitting.State.REGISTERING:
        with tempfile.TemporaryDirectory() as folder:
            path = results_sheet(sitting, Path(folder))
            exams.results_import(by=bureau, sitting=sitting, path=path, file_name=path.name)
    certify(bureau, sitting)
    print_report(sitting, stdout)
