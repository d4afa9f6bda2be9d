"""What the system reports about a project: classes, the difficulty × necessity matrix,
consultation progress and changes between rounds, and a batch's composition."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q

from quanze.delegation.models import (
    Batch,
    BatchItem,
    ConsultationRound,
    DepartmentOpinion,
    ItemAssessment,
    ItemClass,
    LegalityReview,
    RoundRecipient,
    TownshipFeedback,
)

# Matrix bands on the 0-5 scale: [0,1) [1,2) [2,3) [3,4) [4,5]
BANDS = [(Decimal(n), Decimal(n + 1)) for n in range(5)]


def class_counts(project) -> dict[str, int]:
    """Items per final class, every class named (0 when empty), plus 'total'."""
    rows = ItemAssessment.objects.filter(project=project).values("final_class")
    counted = {r["final_class"]: r["n"] for r in rows.annotate(n=Count("id"))}
    counts = {c: counted.get(c, 0) for c in ItemClass.values}
    counts["total"] = sum(counted.values())
    counts["overridden"] = (
        ItemAssessment.objects.filter(project=project)
        .exclude(final_class=F("proposed_class"))
        .count()
    )
    return counts


def _band(value) -> int | None:
    if value is None:
        return None
    return min(int(value), 4)


def matrix(project) -> dict:
    """Counts per (difficulty band, necessity band) and class, for the matrix view.

    Rows run from high necessity (top) to low; columns from low difficulty to high.
    """
    cells: dict[tuple[int, int], Counter] = {}
    unscored = 0
    for difficulty, necessity, final in ItemAssessment.objects.filter(project=project).values_list(
        "difficulty", "necessity", "final_class"
    ):
        d, n = _band(difficulty), _band(necessity)
        if d is None or n is None:
            unscored += 1
            continue
        cells.setdefault((n, d), Counter())[final] += 1
    rows = []
    for n in reversed(range(5)):
        row = []
        for d in range(5):
            counter = cells.get((n, d), Counter())
            row.append({"total": sum(counter.values()), "classes": dict(counter)})
        rows.append({"necessity": BANDS[n], "cells": row})
    return {"rows": rows, "difficulty_bands": BANDS, "unscored": unscored}


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


def batch_rows(batch: Batch):
    return (
        BatchItem.objects.filter(batch=batch)
        .select_related(
            "item__power__department",
            "item__power__power_type",
            "item__power__field",
            "review__reviewer",
        )
        .order_by("position")
    )


def batch_counts(batch: Batch) -> dict:
    """A batch's composition by field and type, and its review verdicts."""
    items = BatchItem.objects.filter(batch=batch)
    by_field_type = Counter(
        items.values_list("item__power__field__name", "item__power__power_type__name")
    )
    verdicts = Counter(
        LegalityReview.objects.filter(batch_item__batch=batch).values_list("verdict", flat=True)
    )
    total = items.count()
    return {
        "total": total,
        "by_field_type": dict(by_field_type),
        "verdicts": {v: verdicts.get(v, 0) for v in LegalityReview.Verdict.values},
        "unreviewed": total - sum(verdicts.values()),
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
