"""The API of consultation rounds: progress, and each unit's answers. Reads go through the
access choke points, writes through the services."""

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.delegation.consultation import selectors
from quanze.delegation.consultation import services as consultation
from quanze.delegation.consultation.models import Answer, DepartmentOpinion, TownshipFeedback
from quanze.delegation.projects.selectors import require_county_wide

router = Router(tags=["赋权:评估、征求意见与合法性审核"], auth=django_auth)


class ProgressOut(Schema):
    recipient_id: int
    unit: str
    expected: int
    answered: int
    outstanding: int
    reminders: int


class AnswerIn(Schema):
    item: int
    row_version: int = 0
    can_delegate: choice(Answer) | None = None
    legal_basis: str | None = None
    method: str | None = None
    difficulty: str | None = None
    training: str | None = None
    willing: choice(Answer) | None = None
    reason: str | None = None
    capacity: choice(TownshipFeedback.Capacity) | None = None
    capacity_note: str | None = None


class AnswersIn(Schema):
    rows: list[AnswerIn]


class SavedOut(Schema):
    saved: int


@router.get("/rounds/{round_id}/progress", response=list[ProgressOut], summary="各单位反馈进度")
def round_progress(request, round_id: int):
    round_ = selectors.access_round(request.user, round_id)
    require_county_wide(request.user, "各单位的反馈进度")
    return [
        {"recipient_id": p.recipient.pk, "unit": str(p.recipient), "expected": p.expected,
         "answered": p.answered, "outstanding": p.outstanding, "reminders": p.reminders}
        for p in selectors.recipient_progress(round_)
    ]  # fmt: skip


@router.get("/rounds/{round_id}/answers", summary="本单位本轮的反馈")
def answer_list(request, round_id: int):
    round_ = selectors.access_round(request.user, round_id)
    recipient = selectors.own_recipient(request.user, round_)
    is_dept = recipient.department_id is not None
    model = DepartmentOpinion if is_dept else TownshipFeedback
    unit = (
        {"department_id": recipient.department_id}
        if is_dept
        else {"township_id": recipient.township_id}
    )
    answers = {a["item_id"]: a for a in model.objects.filter(round=round_, **unit).values()}
    return [
        {"item": i.pk, "position": i.position, "power": str(i.power), "answer": answers.get(i.pk)}
        for i in consultation.recipient_items(recipient)
    ]


@router.post("/rounds/{round_id}/answers", response=SavedOut, summary="保存本单位本轮的反馈")
def answer_save(request, round_id: int, payload: AnswersIn):
    """整批保存;任何一项的 `row_version` 与服务器不一致时返回 409,全部不保存。"""
    round_ = selectors.access_round(request.user, round_id)
    recipient = selectors.own_recipient(request.user, round_)
    rows = [row.dict(exclude_none=True) for row in payload.rows]
    return {"saved": consultation.answers_save(by=request.user, recipient=recipient, rows=rows)}
