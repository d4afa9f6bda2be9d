"""Reads of consultation: who sees which round and answers for whom (the access choke
points), progress of each recipient, changes between rounds, a project's consultation
figures.

- the office and the justice bureau read every round of their county's projects;
- a department or township clerk reads the rounds it is asked in, and answers for its
  own unit only. Missing and forbidden objects give the same NotFound; visible but not
  allowed gives Forbidden.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet

from quanze.core.errors import Forbidden
from quanze.delegation.consultation.models import (
    ConsultationRound,
    DepartmentOpinion,
    RoundRecipient,
    TownshipFeedback,
)
from quanze.delegation.permissions import get_visible
from quanze.delegation.projects.models import ItemAssessment
from quanze.org.roles import is_county_wide, is_department_clerk, is_office, is_township_clerk


def rounds_readable(user) -> QuerySet[ConsultationRound]:
    return ConsultationRound.objects.select_related("project").readable_by(user)


def access_round(user, round_id, *, for_write: bool = False) -> ConsultationRound:
    qs = rounds_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return get_visible(qs, round_id, "征求意见轮次")


def own_recipient(user, round_: ConsultationRound) -> RoundRecipient:
    """The recipient a clerk answers for in this round (Forbidden for everyone else)."""
    qs = round_.recipients.select_related("department", "township")
    if is_department_clerk(user):
        recipient = qs.filter(department_id=user.department_id).first()
    elif is_township_clerk(user):
        recipient = qs.filter(township_id=user.township_id).first()
    else:
        recipient = None
    if recipient is None:
        raise Forbidden("只有被征求意见的部门、乡镇(街道)经办人可以填写反馈")
    return recipient


def access_recipient(user, recipient_id) -> RoundRecipient:
    """A recipient's answer sheet, read by the office and the justice bureau."""
    qs = RoundRecipient.objects.select_related("round__project", "department", "township")
    qs = qs.filter(round__project__county_id=user.county_id) if is_county_wide(user) else qs.none()
    return get_visible(qs, recipient_id, "征求对象")


@dataclass
class Progress:
    recipient: RoundRecipient
    expected: int
    answered: int
    reminders: int

    @property
    def outstanding(self) -> int:
        return self.expected - self.answered


def recipient_progress(round_: ConsultationRound, recipients=None) -> list[Progress]:
    """Answered / outstanding per recipient, in a fixed number of queries."""
    recipients = list(
        recipients
        if recipients is not None
        else round_.recipients.select_related("department", "township").annotate(
            n_reminders=Count("reminders")
        )
    )
    per_department = Counter(round_.items.values_list("power__department_id", flat=True).order_by())
    total = sum(per_department.values())
    opinions = Counter(
        DepartmentOpinion.objects.filter(round=round_).values_list("department_id", flat=True)
    )
    feedback = Counter(
        TownshipFeedback.objects.filter(round=round_).values_list("township_id", flat=True)
    )
    out = []
    for r in recipients:
        if r.department_id:
            expected, answered = per_department.get(r.department_id, 0), opinions[r.department_id]
        else:
            expected, answered = total, feedback[r.township_id]
        reminders = getattr(r, "n_reminders", None)
        if reminders is None:
            reminders = r.reminders.count()
        out.append(Progress(r, expected, answered, reminders))
    return out


def round_summary(round_: ConsultationRound) -> dict:
    progress = recipient_progress(round_)
    return {
        "items": round_.items.count(),
        "departments": sum(1 for p in progress if p.recipient.department_id),
        "townships": sum(1 for p in progress if p.recipient.township_id),
        "answered": sum(p.answered for p in progress),
        "outstanding": sum(p.outstanding for p in progress),
        "complete": sum(1 for p in progress if p.outstanding == 0),
    }


OPINION_KEYS = ("can_delegate", "legal_basis", "method", "difficulty", "training")
FEEDBACK_KEYS = ("willing", "reason", "capacity", "capacity_note")


def _answers(round_) -> dict[tuple, dict]:
    out = {}
    for a in DepartmentOpinion.objects.filter(round=round_).values(
        "item_id", "department_id", *OPINION_KEYS
    ):
        out[(a["item_id"], "d", a["department_id"])] = a
    for a in TownshipFeedback.objects.filter(round=round_).values(
        "item_id", "township_id", *FEEDBACK_KEYS
    ):
        out[(a["item_id"], "t", a["township_id"])] = a
    return out


def round_changes(round_: ConsultationRound) -> list[dict]:
    """What changed since the previous round, per item and recipient.

    kind: new (answered now, not before), changed (an answer field differs),
    withdrawn (answered before, not now). Unchanged answers are not listed.
    """
    previous = round_.project.rounds.filter(number__lt=round_.number).order_by("-number").first()
    if previous is None:
        return []
    before, after = _answers(previous), _answers(round_)
    items = {
        i.pk: i
        for i in ItemAssessment.objects.filter(
            pk__in={k[0] for k in [*before, *after]}
        ).select_related("power")
    }
    names = _unit_names(round_, previous)
    rows = []
    for key in sorted(
        set(before) | set(after), key=lambda k: (items[k[0]].position, k[1], names.get(k[1:], ""))
    ):
        old, new = before.get(key), after.get(key)
        keys = OPINION_KEYS if key[1] == "d" else FEEDBACK_KEYS
        if old and new:
            fields = [k for k in keys if old[k] != new[k]]
            if not fields:
                continue
            kind = "changed"
        else:
            fields, kind = [], "new" if new else "withdrawn"
        rows.append(
            {
                "item": items[key[0]],
                "unit": names.get(key[1:], ""),
                "kind": kind,
                "fields": fields,
                "old": old,
                "new": new,
            }
        )
    return rows


def _unit_names(*rounds) -> dict[tuple, str]:
    names = {}
    for r in RoundRecipient.objects.filter(round__in=rounds).select_related(
        "department", "township"
    ):
        if r.department_id:
            names[("d", r.department_id)] = r.department.name
        else:
            names[("t", r.township_id)] = r.township.name
    return names


def item_answers(item: ItemAssessment) -> dict:
    """Every round's opinions and feedback on one item, with their dispositions."""
    return {
        "opinions": DepartmentOpinion.objects.filter(item=item).select_related(
            "round", "department", "disposition"
        ),
        "feedback": TownshipFeedback.objects.filter(item=item).select_related(
            "round", "township", "disposition"
        ),
    }


def consultation_counts(project) -> dict:
    """Rounds held and townships consulted in every one of them."""
    rounds = list(project.rounds.order_by("number"))
    townships_each = [
        set(r.recipients.filter(township__isnull=False).values_list("township_id", flat=True))
        for r in rounds
    ]
    in_all = set.intersection(*townships_each) if townships_each else set()
    return {
        "rounds": len(rounds),
        "closed": sum(1 for r in rounds if r.status == ConsultationRound.Status.CLOSED),
        "townships_in_every_round": len(in_all),
        "feedback": TownshipFeedback.objects.filter(round__project=project).count(),
        "opinions": DepartmentOpinion.objects.filter(round__project=project).count(),
        "meetings": project.meetings.count(),
        "reminders": RoundRecipient.objects.filter(round__project=project).aggregate(
            n=Count("reminders")
        )["n"],
        "willing_share": _willing_share(project),
    }


def _willing_share(project) -> dict[int, float]:
    """Share of township answers that agree (同意 or 有条件同意), per round number."""
    rows = (
        TownshipFeedback.objects.filter(round__project=project)
        .values("round__number")
        .annotate(n=Count("id"), yes=Count("id", filter=~Q(willing="no")))
    )
    return {r["round__number"]: round(r["yes"] / r["n"], 3) for r in rows if r["n"]}


def answers_outstanding(user) -> list[dict]:
    """The open rounds where the clerk's unit still owes answers (the workbench), oldest
    first: `{"round": id, "due_on": date, "outstanding": n}`; one query."""
    rounds = ConsultationRound.objects.filter(status=ConsultationRound.Status.OPEN)
    if is_department_clerk(user):
        own = user.department_id
        rounds = rounds.filter(recipients__department_id=own).annotate(
            expected=Count("items", filter=Q(items__power__department_id=own), distinct=True),
            answered=Count("opinions", filter=Q(opinions__department_id=own), distinct=True),
        )
    elif is_township_clerk(user):
        own = user.township_id
        rounds = rounds.filter(recipients__township_id=own).annotate(
            expected=Count("items", distinct=True),
            answered=Count("feedback", filter=Q(feedback__township_id=own), distinct=True),
        )
    else:
        return []
    rows = rounds.order_by("opened_at", "pk").values("pk", "due_on", "expected", "answered")
    return [
        {"round": r["pk"], "due_on": r["due_on"], "outstanding": r["expected"] - r["answered"]}
        for r in rows
        if r["expected"] > r["answered"]
    ]


def dispositions_outstanding(user) -> dict:
    """Opinions and feedback of the county's rounds the office has not disposed of yet (the
    workbench): how many, and the first round holding one; two queries."""
    if not is_office(user):
        return {"count": 0, "first": None}
    county = Q(round__project__county_id=user.county_id, disposition__isnull=True)
    rows = [
        DepartmentOpinion.objects.filter(county).aggregate(count=Count("pk"), first=Min("round")),
        TownshipFeedback.objects.filter(county).aggregate(count=Count("pk"), first=Min("round")),
    ]
    firsts = [row["first"] for row in rows if row["first"] is not None]
    return {"count": sum(row["count"] for row in rows), "first": min(firsts, default=None)}
