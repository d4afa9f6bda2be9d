"""Township duty lists (source 004): raw items → three questions → normalised and classed
→ draft → rounds up and down (`rounds`) → published version.

The three questions (依据是否充分 / 基层是否需要 / 能否有效实施) decide which classes an
item may take: a basic duty needs three yeses; a cooperating duty a sufficient basis
and a local need, and its lead department; a returned item its reason, receiving
department and how that department takes over; a newly delegated item a county power
or a basis, and a local need.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.documents.background import render_after_commit
from quanze.core.errors import Conflict, Forbidden, refuses_control_chars
from quanze.core.history import change_record, model_state, record_change, record_changes
from quanze.duties.dutylists.models import (
    DutyClass,
    DutyEntry,
    DutyList,
    DutyRound,
    DutyVersion,
    RawItem,
)
from quanze.duties.dutylists.selectors import can_edit_duty_list
from quanze.duties.dutylists.tasks import render_duty_documents
from quanze.duties.eventlog import log
from quanze.duties.rules import require_office

Status = DutyVersion.Status
ROUNDS_EACH_WAY = getattr(settings, "QUANZE_DUTY_ROUNDS_EACH_WAY", 3)  # 三上三下
ASSESS_FIELDS = [
    "basis_sufficient", "needed_locally", "can_carry_out", "name", "duty_class", "basis",
    "lead_department", "return_reason", "receiving_department", "takeover", "power", "note",
]  # fmt: skip


@dataclass
class Assessment:
    item: RawItem
    basis_sufficient: bool | None
    needed_locally: bool | None
    can_carry_out: bool | None
    name: str
    duty_class: str
    basis: str = ""
    lead_department: object = None
    return_reason: str = ""
    receiving_department: object = None
    takeover: str = ""
    power: object = None
    note: str = ""
    row_version: int | None = None


def _require_editor(by, duty_list):
    if by is not None and not can_edit_duty_list(by, duty_list):
        raise Forbidden("只有本乡镇(街道)经办人或本县编办可以编制履职事项清单")


@transaction.atomic
def duty_list_for(*, by, township) -> DutyList:
    found = DutyList.objects.filter(township=township).first()
    if found:
        return found
    require_office(by, township.parent_id, "只有本县编办可以建立乡镇履职事项清单")
    created = DutyList.objects.create(township=township, name=f"{township.name}履行职责事项清单")
    record_change(created, action="create", actor=by, after=model_state(created))
    return created


@transaction.atomic
@refuses_control_chars(texts="原始事项")
def raw_items_add(*, by, duty_list, texts: list[str]) -> list[RawItem]:
    """Add what the township does, in its own words (原汁原味)."""
    _require_editor(by, duty_list)
    texts = [(t or "").strip() for t in texts]
    empty = [n for n, t in enumerate(texts, start=1) if not t]
    if empty:
        raise ValidationError(f"第{empty[0]}条原始事项:内容不能为空")
    last = duty_list.raw_items.order_by("-position").values_list("position", flat=True).first()
    start = (last or 0) + 1
    items = RawItem.objects.bulk_create(
        RawItem(duty_list=duty_list, position=start + n, text=t) for n, t in enumerate(texts)
    )
    record_change(duty_list, action="add_raw_items", actor=by, after={"added": len(items)})
    return items


def clean_assessment(a: Assessment) -> list[str]:
    """Messages naming the item and the field; empty when the assessment is consistent."""
    at = f"第{a.item.position}项「{a.item.text[:20]}」"
    errors = []
    yes = (a.basis_sufficient, a.needed_locally, a.can_carry_out)
    county_id = a.item.duty_list.township.parent_id
    if a.duty_class and not (a.name or "").strip():
        errors.append(f"{at}:规范名称不能为空")
    if a.duty_class == DutyClass.BASIC and yes != (True, True, True):
        errors.append(f"{at}:列为基本权责须依据充分、基层需要且能有效实施")
    if a.duty_class == DutyClass.COOPERATING:
        if not (a.basis_sufficient and a.needed_locally):
            errors.append(f"{at}:列为配合权责须依据充分且基层需要")
        if a.lead_department is None:
            errors.append(f"{at}:配合权责须指明牵头部门")
    if a.duty_class == DutyClass.RETURNED:
        if yes == (True, True, True):
            errors.append(f"{at}:三项评估均为「是」的事项不应收回上级")
        if not a.return_reason.strip():
            errors.append(f"{at}:收回上级事项须写明收回理由")
        if a.receiving_department is None:
            errors.append(f"{at}:收回上级事项须指明承接部门")
        if not a.takeover.strip():
            errors.append(f"{at}:收回上级事项须写明承接方式")
    if a.duty_class == DutyClass.NEW:
        if not a.needed_locally:
            errors.append(f"{at}:新增赋权事项须为基层需要")
        if a.power is None and not a.basis.strip():
            errors.append(f"{at}:新增赋权事项须关联赋权事项或写明依据")
    for label, dept in (("牵头部门", a.lead_department), ("承接部门", a.receiving_department)):
        if dept is not None and dept.division_id != county_id:
            errors.append(f"{at}:{label}「{dept}」不是本县部门")
    if a.duty_class not in DutyClass.values:
        errors.append(f"{at}:类别无效")
    return errors


@transaction.atomic
@refuses_control_chars(assessments="认定结果")
def raw_items_assess(*, by, duty_list, assessments: list[Assessment]) -> int:
    """Record the judgement of many items at once: all or nothing, stale edits refused."""
    _require_editor(by, duty_list)
    ids = [a.item.pk for a in assessments]
    current = {
        i.pk: i for i in RawItem.objects.select_for_update().filter(pk__in=ids, duty_list=duty_list)
    }
    errors = []
    for a in assessments:
        if a.item.pk not in current:
            errors.append(f"第{a.item.position}项:不属于本清单")
            continue
        if a.row_version is not None and current[a.item.pk].row_version != a.row_version:
            raise Conflict(f"第{a.item.position}项已被他人修改,请刷新后重试")
        a.item = current[a.item.pk]
        a.item.duty_list = duty_list
        errors += clean_assessment(a)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    records, changed = [], []
    for a in assessments:
        item = a.item
        before = model_state(item, ASSESS_FIELDS)
        for name in ASSESS_FIELDS:
            value = getattr(a, name)
            setattr(item, name, value.strip() if isinstance(value, str) else value)
        item.row_version += 1
        item.updated_at = now
        changed.append(item)
        records.append(
            change_record(
                item,
                action="assess",
                actor=by,
                before=before,
                after=model_state(item, ASSESS_FIELDS),
                at=now,
            )
        )
    RawItem.objects.bulk_update(
        changed, [*ASSESS_FIELDS, "row_version", "updated_at"], batch_size=500
    )
    record_changes(records)
    return len(changed)


def _entries_from(version, items) -> list[DutyEntry]:
    return [
        DutyEntry(
            version=version, raw_item=i, position=n, name=i.name, duty_class=i.duty_class,
            basis=i.basis, lead_department_id=i.lead_department_id, return_reason=i.return_reason,
            receiving_department_id=i.receiving_department_id, takeover=i.takeover,
            power_id=i.power_id,
        )
        for n, i in enumerate(items, start=1)
    ]  # fmt: skip


@transaction.atomic
def duty_draft_build(*, by, duty_list) -> DutyVersion:
    """(Re)build the draft from the classed raw items; refused while a round is open."""
    _require_editor(by, duty_list)
    DutyList.objects.select_for_update().get(pk=duty_list.pk)
    items = list(duty_list.raw_items.order_by("duty_class", "position"))
    unclassed = [i for i in items if not i.duty_class]
    if unclassed:
        shown = "、".join(f"第{i.position}项「{i.text[:15]}」" for i in unclassed[:5])
        raise ValidationError(f"尚有{len(unclassed)}项原始事项未分类:{shown}")
    order = {
        c: n
        for n, c in enumerate(
            [DutyClass.BASIC, DutyClass.COOPERATING, DutyClass.RETURNED, DutyClass.NEW]
        )
    }
    items.sort(key=lambda i: (order[i.duty_class], i.position))
    draft = duty_list.versions.filter(status=Status.DRAFT).first()
    if draft is None:
        last = duty_list.versions.order_by("-number").first()
        draft = DutyVersion.objects.create(
            duty_list=duty_list, number=(last.number + 1) if last else 1
        )
        log(draft, by=by, from_state="", to_state=Status.DRAFT)
    elif draft.rounds.filter(state=DutyRound.State.OPEN).exists():
        raise ValidationError("征求意见轮次进行中,关闭本轮后才能修改草稿")
    draft.entries.all().delete()
    DutyEntry.objects.bulk_create(_entries_from(draft, items), batch_size=1000)
    record_change(draft, action="build", actor=by, after={"entries": len(items)})
    return draft


@transaction.atomic
@refuses_control_chars(document_number="文号")
def duty_version_publish(
    *, by, version, effective_date: date, document_number: str = ""
) -> DutyVersion:
    """Publish after the rounds (三上三下) are done and every opinion has been answered."""
    require_office(by, version.duty_list.township.parent_id, "只有本县编办可以发布乡镇履职事项清单")
    version = DutyVersion.objects.select_for_update().select_related("duty_list").get(pk=version.pk)
    if version.status != Status.DRAFT:
        raise ValidationError(f"{version}已{version.get_status_display()},不能再次发布")
    if effective_date is None:
        raise ValidationError({"effective_date": "生效日期:发布时必须填写生效日期"})
    rounds = list(version.rounds.all())
    if any(r.state == DutyRound.State.OPEN for r in rounds):
        raise ValidationError("尚有征求意见轮次未关闭")
    ups = sum(r.direction == DutyRound.Direction.UP for r in rounds)
    downs = len(rounds) - ups
    if ups < ROUNDS_EACH_WAY or downs < ROUNDS_EACH_WAY:
        raise ValidationError(
            f"清单须经{ROUNDS_EACH_WAY}上{ROUNDS_EACH_WAY}下征求意见,目前{ups}上{downs}下"
        )
    pending = version.rounds.filter(opinions__disposition="").count()
    if pending:
        raise ValidationError(f"尚有{pending}条意见未作处理(采纳、部分采纳或不采纳)")
    now = timezone.now()
    for old in version.duty_list.versions.filter(status=Status.PUBLISHED):
        old.status = Status.SUPERSEDED
        old.save(update_fields=["status"])
        log(
            old,
            by=by,
            from_state=Status.PUBLISHED,
            to_state=Status.SUPERSEDED,
            reason=f"被第{version.number}版取代",
        )
    before = model_state(version)
    version.status, version.effective_date = Status.PUBLISHED, effective_date
    version.document_number, version.published_at = document_number.strip(), now
    version.published_by = by if by is not None and by.is_authenticated else None
    version.save(
        update_fields=[
            "status",
            "effective_date",
            "document_number",
            "published_at",
            "published_by",
        ]
    )
    log(version, by=by, from_state=Status.DRAFT, to_state=Status.PUBLISHED, reason=document_number)
    record_change(version, action="publish", actor=by, before=before, after=model_state(version))
    # Its .docx and PDF, rendered by the worker once the publication commits.
    render_after_commit(render_duty_documents, [version.pk])
    return version


def duty_version_diff(*, old, new) -> dict:
    """Duties added, removed and moved between classes, matched by name."""

    def rows(version):
        return dict(version.entries.values_list("name", "duty_class")) if version else {}

    before, after = rows(old), rows(new)
    labels = dict(DutyClass.choices)
    return {
        "added": [(n, labels[c]) for n, c in after.items() if n not in before],
        "removed": [(n, labels[c]) for n, c in before.items() if n not in after],
        "moved": [
            (n, labels[before[n]], labels[c])
            for n, c in after.items()
            if n in before and before[n] != c
        ],
    }
