"""Reads of public notice: what the public sees (published notices, the before-notice of a
township), and what a team must still publish."""

from django.db.models import Q
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.enforcement.cases import deadlines
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case
from quanze.enforcement.cases.powers import versions_in_force
from quanze.enforcement.cases.selectors import cases_handled
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.org.models import Division

PROCEDURE = [
    (m.STATES[m.FILED], "符合立案标准的,及时立案(《行政处罚法》第五十四条)"),
    (
        m.STATES[m.INVESTIGATING],
        "两名以上持证执法人员调查取证,出示执法证件(第四十二条、第五十五条)",
    ),
    (m.STATES[m.REVIEWED], "第五十八条规定的情形,决定前由法制审核人员审核"),
    (
        m.STATES[m.NOTIFIED],
        "告知拟处罚内容及事实、理由、依据和陈述、申辩、要求听证的权利(第四十四条、第六十三条)",
    ),
    (m.STATES[m.DECIDED], "立案之日起九十日内作出决定(第六十条)"),
    (m.STATES[m.SERVED], "宣告后当场交付,不在场的七个工作日内送达(第六十一条、第八十五条)"),
    (
        m.STATES[m.EXECUTED],
        "收到决定书之日起十五日内缴纳罚款,逾期每日加处百分之三(第六十七条、第七十二条)",
    ),
]
REMEDIES = [
    "对行政处罚决定不服的,可以自知道该决定之日起六十日内申请行政复议(《中华人民共和国行政复议法》第二十条)",
    "或者自知道该决定之日起六个月内向人民法院提起行政诉讼(《中华人民共和国行政诉讼法》第四十六条)",
]


def published_notices(*, county_id: int | None = None, q: str = ""):
    rows = PenaltyNotice.objects.filter(published_at__isnull=False).select_related("county")
    if county_id:
        rows = rows.filter(county_id=county_id)
    if q:
        rows = rows.filter(Q(title__icontains=q))
    return rows.order_by("-published_at", "-id")


def access_public_notice(pk: int) -> PenaltyNotice:
    notice = published_notices().filter(pk=pk).first()
    if notice is None:
        raise NotFound("公示")
    return notice


def pending_publication(user):
    """The team's penalty decisions not yet published, with the date each is due by."""
    rows = (
        cases_handled(user)
        .filter(outcome=Case.Outcome.PENALTY, decided_on__isnull=False)
        .exclude(notice__published_at__isnull=False)
        .order_by("decided_on", "id")
    )
    return [(c, deadlines.PUBLICATION.due(c.decided_on)) for c in rows]


def township_before_notice(township_id: int) -> dict:
    """事前公开 of one township: its subject, staff, powers with basis, procedure, remedies."""
    township = Division.objects.filter(pk=township_id, level=Division.Level.TOWNSHIP).first()
    if township is None:
        raise NotFound("乡镇(街道)")
    today = timezone.localdate()
    versions = versions_in_force(township, today)
    powers = []
    for version in versions:
        for entry in version.entries.select_related(
            "power", "power__department", "power__power_type"
        ):
            powers.append((version, entry.power))
    staff = []
    for officer in Officer.objects.filter(township=township, active=True).prefetch_related(
        "certificates__fields"
    ):
        valid = [
            c
            for c in officer.certificates.all()
            if c.status == Certificate.Status.VALID and c.valid_from <= today <= c.valid_to
        ]
        if valid:
            staff.append((officer, valid))
    return {
        "township": township,
        "versions": versions,
        "powers": powers,
        "staff": staff,
        "procedure": PROCEDURE,
        "remedies": REMEDIES,
    }
