"""Where an item stands (issue 3 item 8): one power in one township, as one timeline.

Assessment, department opinions, the township's feedback and the office's
disposition, meetings, legality review, the meeting's decision, the claim and
every version of the township's list that holds the item, oldest first. The
office and the justice bureau see everything; a township clerk sees its own
township's timeline without the internal deliberations (scores, department
opinions, reviews), as the consultation pages do.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from quanze.catalog.models import Catalog, CatalogEntry, Power
from quanze.catalog.powers.selectors import access_power
from quanze.core.errors import NotFound
from quanze.delegation.claims.models import Claim
from quanze.delegation.consultation.models import DepartmentOpinion, Meeting, TownshipFeedback
from quanze.delegation.decisions.models import Decision
from quanze.delegation.eventlog.models import Event
from quanze.delegation.projects.models import ItemAssessment
from quanze.delegation.review.models import BatchItem
from quanze.org.models import Division
from quanze.org.roles import is_county_wide, is_township_clerk


@dataclass(frozen=True)
class Moment:
    at: datetime
    stage: str
    title: str
    detail: str = ""
    actor: str = ""
    state: str = ""


def _when(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value or date.min, time()))


def _who(user) -> str:
    return str(user) if user is not None else "系统"


def access_timeline(user, power_id, township_id) -> tuple[Power, Division]:
    """The power through its own choke point; the township as the user may see it."""
    power = access_power(user, power_id)
    township = Division.objects.filter(pk=township_id, level=Division.Level.TOWNSHIP).first()
    if township is None:
        raise NotFound("乡镇(街道)")
    if is_county_wide(user) and township.code.startswith(user.county.code[:6]):
        return power, township
    if is_township_clerk(user) and user.township_id == township.pk:
        return power, township
    raise NotFound("乡镇(街道)")


def _assessments(items, internal: bool) -> list[Moment]:
    moments = []
    for a in items:
        if not internal:
            continue
        flags = [label for flag, label in (("technical", "专业技术性强"), ("dispute_prone", "易引起矛盾纠纷"),
                                           ("risk_shifting", "易转移风险")) if getattr(a, flag)]  # fmt: skip
        detail = f"难度指数 {a.difficulty if a.difficulty is not None else '—'},必要性 {a.necessity if a.necessity is not None else '—'}"
        if flags:
            detail += f";三不放:{'、'.join(flags)}"
        if a.overridden:
            detail += f";调整分类理由:{a.override_reason}"
        moments.append(Moment(_when(a.assessed_at or a.project.started_on), "评估分类",
                              f"{a.project}:{a.get_final_class_display() or a.get_proposed_class_display() or '未分类'}",
                              detail, _who(a.assessed_by)))  # fmt: skip
    return moments


def _consultation(items, township, internal: bool) -> list[Moment]:
    moments = []
    feedback = TownshipFeedback.objects.filter(item__in=items, township=township).select_related(
        "round", "answered_by", "disposition__decided_by"
    )
    answers = list(feedback)
    if internal:
        answers += list(
            DepartmentOpinion.objects.filter(item__in=items).select_related(
                "round", "department", "answered_by", "disposition__decided_by"
            )
        )
    for a in answers:
        if isinstance(a, TownshipFeedback):
            title = f"第{a.round.number}轮 乡镇反馈:{a.get_willing_display()}"
            detail = f"{a.reason} 承接能力:{a.get_capacity_display()} {a.capacity_note}".strip()
        else:
            title = f"第{a.round.number}轮 {a.department}意见:{a.get_can_delegate_display()}"
            detail = ";".join(x for x in (a.method, a.difficulty, a.training) if x)
        moments.append(Moment(a.answered_at, "征求意见", title, detail, _who(a.answered_by)))
        disposition = getattr(a, "disposition", None)
        if disposition is not None:
            moments.append(Moment(disposition.decided_at, "征求意见", f"编办处理:{disposition.get_outcome_display()}",
                                  disposition.reason, _who(disposition.decided_by)))  # fmt: skip
    for m in Meeting.objects.filter(items__in=items).distinct().select_related("recorded_by"):
        moments.append(
            Moment(_when(m.held_on), "征求意见", f"会议:{m.title}", m.agreed, _who(m.recorded_by))
        )
    return moments


def _review_and_decision(items, township, internal: bool) -> list[Moment]:
    moments = []
    batch_items = BatchItem.objects.filter(item__in=items).select_related(
        "batch", "review__reviewer"
    )
    for bi in batch_items:
        review = getattr(bi, "review", None)
        if internal and review is not None:
            moments.append(Moment(review.reviewed_at, "合法性审核", f"{bi.batch}:{review.get_verdict_display()}",
                                  f"方式 {review.get_mode_display()};{review.legal_route} {review.conditions}".strip(),
                                  _who(review.reviewer)))  # fmt: skip
    decisions = Decision.objects.filter(items__in=batch_items, townships=township).distinct()
    for d in decisions.select_related("recorded_by", "batch"):
        moments.append(Moment(_when(d.meeting_date), "常务会决定", f"{d.document_number} 审议通过({d.get_mode_display()})",
                              f"生效日期 {d.effective_date:%Y-%m-%d},罚没款返还 {d.fine_return_share.normalize():f}%",
                              _who(d.recorded_by), d.get_status_display()))  # fmt: skip
        if d.published_at:
            moments.append(
                Moment(d.published_at, "常务会决定", f"{d.document_number} 发布乡镇清单")
            )
    return moments


def _claims(power, township) -> list[Moment]:
    moments = []
    rows = list(
        Claim.objects.filter(township=township, entry__power=power).select_related(
            "window", "updated_by"
        )
    )
    for c in rows:
        if c.updated_at:
            answer = {True: "认领", False: "不认领", None: "未选择"}[c.claimed]
            moments.append(
                Moment(
                    c.updated_at, "认领", f"{c.window.title}:{answer}", c.reason, _who(c.updated_by)
                )
            )
    labels = dict(Claim.Status.choices)
    events = Event.objects.filter(
        content_type__app_label="delegation",
        content_type__model="claim",
        object_id__in=[c.pk for c in rows],
    ).select_related("actor")
    for e in events:
        moments.append(
            Moment(
                e.at, "认领", f"认领{labels.get(e.to_state, e.to_state)}", e.reason, _who(e.actor)
            )
        )
    return moments


def _lists(power, township) -> list[Moment]:
    entries = (
        CatalogEntry.objects.filter(
            power=power,
            version__catalog__owner=township,
            version__catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
        )
        .exclude(version__status="draft")
        .select_related("version__catalog", "version__published_by")
    )
    return [
        Moment(e.version.published_at or e.version.created_at, "清单",
               f"列入{e.version}(第{e.position}项)",
               f"文号 {e.version.document_number};生效日期 {e.version.effective_date or ''}",
               _who(e.version.published_by), e.version.get_status_display())
        for e in entries
    ]  # fmt: skip


def item_timeline(user, *, power_id, township_id) -> tuple[Power, Division, list[Moment]]:
    power, township = access_timeline(user, power_id, township_id)
    internal = is_county_wide(user)
    items = list(
        ItemAssessment.objects.filter(power=power)
        .filter(Q(project__townships=township))
        .distinct()
        .select_related("project", "assessed_by")
    )
    moments = _assessments(items, internal)
    moments += _consultation(items, township, internal)
    moments += _review_and_decision(items, township, internal)
    moments += _claims(power, township)
    moments += _lists(power, township)
    moments.sort(key=lambda m: m.at)
    return power, township, moments


def current_standing(moments: list[Moment]) -> dict[str, Moment]:
    """The latest moment of each stage: the summary line at the top of the page."""
    latest: dict[str, Moment] = {}
    for m in moments:
        latest[m.stage] = m
    return latest
