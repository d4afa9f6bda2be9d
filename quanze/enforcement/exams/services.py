"""Writes of the exams: sittings, registration by units, results, certificates issued
from a pass. Validated, authorised, recorded, atomic; results and certificates notify
the candidates' units."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from quanze.core.errors import Forbidden, validate_model
from quanze.core.history import change_record, model_state, record_change, record_changes
from quanze.core.notices import Kind, Message, notify_each, unit_users
from quanze.enforcement.exams import results
from quanze.enforcement.exams.models import PASS_MARK, Candidate, Sitting
from quanze.enforcement.officers import services as officers
from quanze.enforcement.officers.models import Officer
from quanze.enforcement.officers.selectors import officers_writable
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk

SITTING_FIELDS = ["title", "held_on", "pass_mark", "state"]


def require_bureau(by, county_id) -> None:
    if not (is_reviewer(by) and by.county_id == county_id):
        raise Forbidden("只有本县(市、区)司法局可以组织执法资格考试")


@transaction.atomic
def sitting_create(*, by, title, held_on: date, pass_mark: Decimal | None = None) -> Sitting:
    require_bureau(by, by.county_id)
    sitting = Sitting(
        county_id=by.county_id,
        title=(title or "").strip(),
        held_on=held_on,
        pass_mark=PASS_MARK if pass_mark is None else pass_mark,
        created_by=by,
    )
    validate_model(sitting)
    sitting.save()
    record_change(sitting, action="create", actor=by, after=model_state(sitting, SITTING_FIELDS))
    return sitting


def _may_register(by, officer: Officer) -> bool:
    return officers_writable(by).filter(pk=officer.pk).exists()


@transaction.atomic
def candidates_register(*, by, sitting: Sitting, officers_: list[Officer]) -> list[Candidate]:
    """A unit registers its own officers (the bureau any of the county's); each once."""
    if not (is_reviewer(by) or is_township_clerk(by) or is_department_clerk(by)):
        raise Forbidden("只有司法局或本单位经办人可以报名")
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    if sitting.county_id != by.county_id:
        raise Forbidden("只能为本县(市、区)的考试报名")
    if sitting.state != Sitting.State.REGISTERING:
        raise ValidationError({"sitting": "考试:已录入成绩,报名已截止"})
    officers_ = list(dict.fromkeys(officers_))
    if not officers_:
        raise ValidationError({"officers": "执法人员:至少选择一人"})
    taken = set(sitting.candidates.values_list("officer_id", flat=True))
    for officer in officers_:
        if not _may_register(by, officer):
            raise Forbidden(f"不能为「{officer.name}」报名:只能为本单位人员报名")
        if officer.post_type == Officer.PostType.AUXILIARY:
            raise ValidationError(
                {"officers": f"执法人员:「{officer.name}」为编外辅助人员,不能报考执法资格"}
            )
        if not officer.active:
            raise ValidationError({"officers": f"执法人员:「{officer.name}」不在岗"})
        if officer.pk in taken:
            raise ValidationError({"officers": f"执法人员:「{officer.name}」已报名本次考试"})
    start = sitting.candidates.count()
    rows = [
        Candidate(
            sitting=sitting,
            officer=officer,
            ticket=f"{sitting.held_on:%Y}{sitting.pk:03d}{start + n:04d}",
            registered_by=by,
        )
        for n, officer in enumerate(officers_, start=1)
    ]
    created = Candidate.objects.bulk_create(rows)
    record_changes(
        change_record(c, action="register", actor=by, after={"ticket": c.ticket}) for c in created
    )
    record_change(
        sitting,
        action="register",
        actor=by,
        after={"candidates": "、".join(o.name for o in officers_)},
    )
    return created


def _notify_units(candidates, *, title_of, link: str, kind: str) -> None:
    per_unit = defaultdict(list)
    for c in candidates:
        per_unit[(c.officer.township_id, c.officer.department_id)].append(c)
    messages = []
    for (township_id, department_id), rows in per_unit.items():
        users = unit_users(
            townships=[township_id] if township_id else [],
            departments=[department_id] if department_id else [],
        )
        title, body = title_of(rows)
        messages += [Message(u, title, body, link) for u in users]
    notify_each(messages, kind=kind)


@transaction.atomic
def results_record(*, by, sitting: Sitting, rows: list[results.Row]) -> int:
    """Record parsed result rows: every ticket must be a candidate of the sitting with the
    name as registered; nothing is written unless every row is good."""
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    require_bureau(by, sitting.county_id)
    if sitting.candidates.filter(certificate__isnull=False).exists():
        raise ValidationError({"file": "文件:本次考试已核发执法证,不能再导入成绩"})
    candidates = {
        c.ticket: c for c in sitting.candidates.select_related("officer").select_for_update()
    }
    problems = []
    for row in rows:
        found = candidates.get(row.ticket)
        if found is None:
            problems.append(f"第{row.number}行「准考证号」:{row.ticket} 不是本次考试的考生")
        elif found.officer.name != row.name:
            problems.append(
                f"第{row.number}行「姓名」:准考证号{row.ticket}的考生是「{found.officer.name}」,不是「{row.name}」"
            )
    if problems:
        raise results.ResultsRejected(problems)
    changed, records = [], []
    for row in rows:
        c = candidates[row.ticket]
        before = {"score": str(c.score) if c.score is not None else None, "absent": c.absent}
        c.absent = row.score is None
        c.score = row.score
        c.passed = None if c.absent else row.score >= sitting.pass_mark
        after = {"score": str(c.score) if c.score is not None else None, "absent": c.absent}
        if before != after:
            changed.append(c)
            records.append(change_record(c, action="result", actor=by, before=before, after=after))
    Candidate.objects.bulk_update(changed, ["absent", "score", "passed"], batch_size=1000)
    record_changes(records)
    if sitting.state != Sitting.State.SCORED:
        sitting.state = Sitting.State.SCORED
        sitting.save(update_fields=["state"])
        record_change(
            sitting,
            action="scored",
            actor=by,
            before={"state": Sitting.State.REGISTERING},
            after={"state": Sitting.State.SCORED},
        )
    link = reverse("enforcement:exam_detail", args=[sitting.pk])

    def title_of(unit_rows):
        passed = sum(1 for c in unit_rows if c.passed)
        return (
            f"{sitting.title}成绩已公布:本单位{len(unit_rows)}人,合格{passed}人",
            "\n".join(
                f"{c.ticket} {c.officer.name} {'缺考' if c.absent else c.score}" for c in unit_rows
            ),
        )

    _notify_units(changed, title_of=title_of, link=link, kind=Kind.EXAM_RESULTS)
    return len(changed)


def results_import(*, by, sitting: Sitting, path: Path, file_name: str, warnings=None) -> int:
    """Read, check and record a results file; ResultsRejected (Chinese, row and column)
    leaves everything as it was."""
    require_bureau(by, sitting.county_id)
    rows = results.parse(results.read_rows(Path(path), file_name, warnings))
    return results_record(by=by, sitting=sitting, rows=rows)


@transaction.atomic
def certificates_issue(
    *, by, sitting: Sitting, issuer: str, fields, valid_from: date, valid_to: date, prefix: str
) -> list:
    """A certificate for every candidate who passed and has none yet from this sitting;
    its number is `prefix` + the ticket. Each goes through the officer registry's
    `certificate_add` (validated, recorded)."""
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    require_bureau(by, sitting.county_id)
    prefix = (prefix or "").strip()
    if not prefix or len(prefix) > 20:
        raise ValidationError({"prefix": "证号前缀:必填,不超过20个字符"})
    waiting = list(
        sitting.candidates.filter(passed=True, certificate__isnull=True)
        .select_related("officer__township", "officer__department")
        .select_for_update(of=("self",))
    )
    if not waiting:
        raise ValidationError({"sitting": "考试:没有待核发执法证的合格考生"})
    issued = []
    for c in waiting:
        try:
            certificate = officers.certificate_add(
                by=by,
                officer=c.officer,
                number=f"{prefix}{c.ticket}",
                issuer=issuer,
                fields=fields,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        except ValidationError as error:
            raise ValidationError(
                {"sitting": f"考生{c.ticket}「{c.officer.name}」:{';'.join(error.messages)}"}
            ) from None
        c.certificate = certificate
        c.save(update_fields=["certificate"])
        record_change(c, action="certificate", actor=by, after={"certificate": certificate.number})
        issued.append(c)
    link = reverse("enforcement:exam_detail", args=[sitting.pk])

    def title_of(unit_rows):
        return (
            f"已为本单位{len(unit_rows)}名考试合格人员核发执法证",
            "\n".join(f"{c.officer.name} {c.certificate.number}" for c in unit_rows),
        )

    _notify_units(issued, title_of=title_of, link=link, kind=Kind.EXAM_RESULTS)
    return issued
