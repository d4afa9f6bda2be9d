"""Rounds of a duty-list draft (三上三下): up to the county departments for their opinions,
down to the township for its revision; a closed round is frozen, its opinions answered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden, refuses_control_chars
from quanze.core.history import diff_states, model_state, record_change
from quanze.duties import notices
from quanze.duties.dutylists.models import DutyClass, DutyOpinion, DutyRound, DutyVersion
from quanze.duties.dutylists.selectors import can_edit_duty_list
from quanze.duties.eventlog import log
from quanze.duties.rules import require_office
from quanze.org.roles import is_department_clerk, is_township_clerk

Direction = DutyRound.Direction


@transaction.atomic
def duty_round_open(*, by, version, departments=()) -> DutyRound:
    """Open the next round: odd rounds go up (departments named), even rounds come down."""
    county_id = version.duty_list.township.parent_id
    require_office(by, county_id, "只有本县编办可以组织征求意见")
    version = DutyVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != DutyVersion.Status.DRAFT:
        raise ValidationError("只有草稿版本可以征求意见")
    last = version.rounds.order_by("-number").first()
    if last and last.state == DutyRound.State.OPEN:
        raise ValidationError(f"{last}尚未关闭")
    number = (last.number + 1) if last else 1
    direction = Direction.UP if number % 2 else Direction.DOWN
    departments = list(departments)
    if direction == Direction.UP and not departments:
        raise ValidationError({"departments": "征求部门:上报轮次须选择至少一个县直部门"})
    if any(d.division_id != county_id for d in departments):
        raise ValidationError({"departments": "征求部门:只能选择本县部门"})
    opened = DutyRound.objects.create(
        version=version, number=number, direction=direction, opened_at=timezone.now()
    )
    opened.departments.set(departments if direction == Direction.UP else [])
    log(
        opened,
        by=by,
        from_state="",
        to_state=DutyRound.State.OPEN,
        reason=opened.get_direction_display(),
    )
    notices.duty_round_opened(opened)
    return opened


@transaction.atomic
def duty_round_close(*, by, round) -> DutyRound:
    duty_list = round.version.duty_list
    require_office(by, duty_list.township.parent_id, "只有本县编办可以关闭征求意见轮次")
    round = DutyRound.objects.select_for_update().get(pk=round.pk)
    if round.state != DutyRound.State.OPEN:
        raise ValidationError(f"{round}已关闭,不能再次关闭或重新打开")
    round.state, round.closed_at = DutyRound.State.CLOSED, timezone.now()
    round.save(update_fields=["state", "closed_at"])
    log(round, by=by, from_state=DutyRound.State.OPEN, to_state=DutyRound.State.CLOSED)
    return round


def _unit_of(by, round):
    """The unit `by` answers for in this round, or Forbidden."""
    township = round.version.duty_list.township
    if round.direction == Direction.UP:
        if by is not None and not (
            is_department_clerk(by) and round.departments.filter(pk=by.department_id).exists()
        ):
            raise Forbidden("本轮只征求所列县直部门的意见")
        return "department"
    if by is not None and not (is_township_clerk(by) and by.township_id == township.pk):
        raise Forbidden("本轮由本乡镇(街道)反馈意见")
    return "township"


@transaction.atomic
@refuses_control_chars(text="意见")
def opinion_give(
    *, by, round, entry=None, text, agrees=True, proposed_class="", department=None
) -> DutyOpinion:
    """A department (up) or the township (down) gives its opinion on an entry or the draft."""
    round = DutyRound.objects.select_related("version__duty_list__township").get(pk=round.pk)
    if round.state != DutyRound.State.OPEN:
        raise ValidationError(f"{round}已关闭,不能再提意见")
    kind = _unit_of(by, round)
    if entry is not None and entry.version_id != round.version_id:
        raise ValidationError("所提意见的事项不在本版草稿中")
    if not (text or "").strip():
        raise ValidationError({"text": "意见:不能为空"})
    if proposed_class not in DutyClass.values:
        raise ValidationError({"proposed_class": "建议类别:无效"})
    if kind == "department":
        department = by.department if by is not None else department
        if department is None or not round.departments.filter(pk=department.pk).exists():
            raise ValidationError({"department": "部门:本轮未征求该部门意见"})
    opinion = DutyOpinion.objects.create(
        round=round, entry=entry, text=text.strip(), agrees=agrees, proposed_class=proposed_class,
        department=department if kind == "department" else None,
        township=round.version.duty_list.township if kind == "township" else None,
        author=by if by is not None and by.is_authenticated else None,
    )  # fmt: skip
    record_change(opinion, action="create", actor=by, after=model_state(opinion))
    return opinion


@transaction.atomic
@refuses_control_chars(text="意见")
def opinion_update(
    *, by, opinion, row_version, text, agrees=True, proposed_class=""
) -> DutyOpinion:
    opinion = DutyOpinion.objects.select_for_update().select_related("round").get(pk=opinion.pk)
    if opinion.round.state != DutyRound.State.OPEN:
        raise ValidationError(f"{opinion.round}已关闭,意见不能再修改")
    _unit_of(by, opinion.round)
    if opinion.row_version != int(row_version):
        raise Conflict("该意见已被他人修改,请刷新后重试")
    before = model_state(opinion)
    opinion.text, opinion.agrees, opinion.proposed_class = text.strip(), agrees, proposed_class
    opinion.row_version += 1
    opinion.save(update_fields=["text", "agrees", "proposed_class", "row_version"])
    old, new = diff_states(before, model_state(opinion))
    record_change(opinion, action="update", actor=by, before=old, after=new)
    return opinion


@transaction.atomic
@refuses_control_chars(reason="处理理由")
def opinion_dispose(*, by, opinion, disposition, reason="", row_version=None) -> DutyOpinion:
    """Record what was done with an opinion once its round is closed."""
    opinion = (
        DutyOpinion.objects.select_for_update()
        .select_related("round__version__duty_list__township")
        .get(pk=opinion.pk)
    )
    if by is not None and not can_edit_duty_list(by, opinion.round.version.duty_list):
        raise Forbidden("只有编办或本乡镇(街道)可以处理意见")
    if opinion.round.state != DutyRound.State.CLOSED:
        raise ValidationError("本轮关闭后才能处理意见")
    if row_version is not None and opinion.row_version != int(row_version):
        raise Conflict("该意见已被他人处理,请刷新后重试")
    if disposition not in (
        DutyOpinion.Disposition.ADOPTED,
        DutyOpinion.Disposition.PARTLY,
        DutyOpinion.Disposition.NOT_ADOPTED,
    ):
        raise ValidationError({"disposition": "处理结果:请选择采纳、部分采纳或不采纳"})
    if disposition != DutyOpinion.Disposition.ADOPTED and not (reason or "").strip():
        raise ValidationError({"disposition_reason": "处理理由:部分采纳或不采纳时须说明理由"})
    before = model_state(opinion, ["disposition", "disposition_reason"])
    opinion.disposition, opinion.disposition_reason = disposition, (reason or "").strip()
    opinion.row_version += 1
    opinion.save(update_fields=["disposition", "disposition_reason", "row_version"])
    record_change(
        opinion,
        action="dispose",
        actor=by,
        before=before,
        after=model_state(opinion, ["disposition", "disposition_reason"]),
    )
    return opinion


def round_progress(round) -> list[tuple]:
    """(unit, opinions given) for each unit asked in the round."""
    if round.direction == Direction.DOWN:
        township = round.version.duty_list.township
        return [(township, round.opinions.filter(township=township).count())]
    given = {}
    for department_id in round.opinions.values_list("department_id", flat=True):
        given[department_id] = given.get(department_id, 0) + 1
    return [(d, given.get(d.pk, 0)) for d in round.departments.all()]
