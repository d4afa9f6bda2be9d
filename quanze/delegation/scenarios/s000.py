"""Scenario 000 (巩义): 185 items assessed into four classes, 20 townships consulted in
four rounds, a first batch of 52 city-management penalties by entrustment, reviewed.

`load_until_review()` drives the services up to the reviewed batch and returns the
objects; approval and publication continue from there (`load` runs them when the
decision services are present). Every figure printed comes from `report()`,
which reads the system's own reports.
"""

import random
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from quanze.catalog.demo.loader import CATALOG_NAME, COUNTY, demo_load
from quanze.catalog.models import CatalogVersion
from quanze.core.history import model_state, record_change
from quanze.delegation.assessment import services as assessing
from quanze.delegation.consultation import dispositions
from quanze.delegation.consultation import services as consultation
from quanze.delegation.consultation.selectors import consultation_counts
from quanze.delegation.projects import services as projects
from quanze.delegation.projects.models import DelegationProject, ItemClass
from quanze.delegation.projects.selectors import class_counts
from quanze.delegation.review import services as review
from quanze.delegation.review.models import Batch, Mode
from quanze.delegation.review.selectors import batch_counts
from quanze.delegation.scenarios import s000_data as data
from quanze.org.models import Department, Division, User

PROJECT_NAME = "平阴县镇(街道)放权赋权(参照巩义做法)"
ROUND_DATES = [date(2025, 5, 12), date(2025, 6, 9), date(2025, 7, 7), date(2025, 8, 4)]
LEGAL_ROUTE = (
    "依据《中华人民共和国行政处罚法》第二十条、第二十一条,由县城市管理局以书面委托书"
    "委托镇(街道)综合行政执法机构,在委托范围内以县城市管理局名义实施行政处罚;"
    "委托机关对受委托组织实施行政处罚的行为负责监督,并对该行为的后果承担法律责任。"
)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _clerk(*, county, township=None, department=None) -> User:
    """The unit's clerk: the demo's where it has one, else one made for the scenario."""
    unit = {"township": township} if township else {"department": department}
    found = User.objects.filter(county=county, **unit).first()
    if found:
        return found
    role = User.Role.TOWNSHIP_CLERK if township else User.Role.DEPARTMENT_CLERK
    key = f"t{township.code[6:9]}" if township else f"d{department.pk}"
    user = User.objects.create_user(
        username=f"s000-{key}",
        password=None,
        role=role,
        county=county,
        display_name=f"{township or department.short_name or department} 经办人",
        **unit,
    )
    record_change(user, action="create", actor=None, after=model_state(user, ["username", "role"]))
    return user


@transaction.atomic
def load_until_review(*, stdout=None) -> SimpleNamespace:
    """Build the scenario up to the reviewed first batch (once; a rerun returns it)."""
    demo_load()
    county = Division.objects.get(code=COUNTY[0])
    office = User.objects.get(username="office")
    reviewer = User.objects.get(username="reviewer")
    project = DelegationProject.objects.filter(county=county, name=PROJECT_NAME).first()
    if project is None:
        project = _run(county, office, reviewer)
    batch = project.batches.get(number=1)
    return SimpleNamespace(
        project=project, batch=batch, office=office, reviewer=reviewer, county=county
    )


def _run(county, office, reviewer) -> DelegationProject:
    guiding = CatalogVersion.objects.get(
        catalog__owner=county, catalog__name=CATALOG_NAME, status=CatalogVersion.Status.PUBLISHED
    )
    version = data.build_list(county=county, guiding_version=guiding)
    townships = list(Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP))
    project = projects.project_create(
        by=office,
        county=county,
        name=PROJECT_NAME,
        catalog_version=version,
        townships=townships,
        started_on=date(2025, 4, 21),
        due_on=date(2025, 10, 31),
    )
    rng = random.Random(data.SEED)
    _assess(project, office, rng)
    projects.project_advance(by=office, project=project, to="consultation", reason="评估分类完成")
    _consult(project, office, townships, rng)
    projects.project_advance(by=office, project=project, to="review", reason="四轮征求意见完成")
    _review(project, office, reviewer)
    return project


def _assess(project, office, rng) -> None:
    criteria = {c.name: c.pk for c in project.criteria.all()}
    for item in project.items.select_related("power__field", "power__power_type").order_by(
        "position"
    ):
        judgement = data.judge(item.power, rng)
        assessing.assessment_update(
            by=office,
            item=item,
            expected_row_version=item.row_version,
            scores={criteria[name]: score for name, score in judgement.scores.items()},
            flags=judgement.flags,
            at=_at(date(2025, 4, 30)),
        )


def _consult(project, office, townships, rng) -> None:
    items = project.items.select_related("power__department")
    scopes = [
        items,
        items.exclude(final_class=ItemClass.NOT_RECOMMENDED),
        items.filter(final_class__in=[ItemClass.BATCH1, ItemClass.BATCH2]),
        items.filter(final_class=ItemClass.BATCH1),
    ]
    for number, (scope, day) in enumerate(zip(scopes, ROUND_DATES, strict=True), start=1):
        scope = list(scope)
        departments = None if number in (1, 3) else []
        round_ = consultation.round_open(
            by=office,
            project=project,
            items=scope,
            departments=departments,
            due_on=day + timedelta(days=14),
            at=_at(day),
        )
        late = {t.pk for t in townships[-2:]} if number == 1 else set()
        for recipient in round_.recipients.select_related("department", "township"):
            if recipient.township_id in late:
                dispositions.reminder_send(
                    by=office, recipient=recipient, at=_at(day + timedelta(days=10))
                )
            _answer(recipient, round_, rng, day)
        if number == 2:
            _meetings(project, office, round_, townships, day)
        consultation.round_close(
            by=office, round_=round_, reason="反馈收齐", at=_at(day + timedelta(days=15))
        )
        _dispose(round_, office, day + timedelta(days=16))
        if number == 3:
            _focus_first_batch(project, office, day + timedelta(days=17))


def _focus_first_batch(project, office, day) -> None:
    """After the third round the office keeps batch 1 to city-management penalties."""
    others = project.items.filter(final_class=ItemClass.BATCH1).exclude(
        power__field__name=data.CITY, power__power_type__name=data.PENALTY
    )
    for item in others:
        assessing.assessment_update(
            by=office,
            item=item,
            expected_row_version=item.row_version,
            final_class=ItemClass.BATCH2,
            override_reason="第一批集中下放城市管理领域行政处罚权,其余事项列入第二批",
            at=_at(day),
        )


def _answer(recipient, round_, rng, day) -> None:
    county = round_.project.county
    clerk = _clerk(county=county, township=recipient.township, department=recipient.department)
    rows = []
    for item in consultation.recipient_items(recipient):
        if recipient.township_id:
            answer = data.township_answer(item.final_class, recipient.township, round_.number, rng)
        else:
            answer = data.department_answer(item.final_class)
        rows.append({"item": item.pk, "row_version": 0, **answer})
    if rows:
        consultation.answers_save(
            by=clerk, recipient=recipient, rows=rows, at=_at(day + timedelta(days=12))
        )


def _dispose(round_, office, day) -> None:
    """The office answers every department opinion and every refusal by a township."""
    for opinion in round_.opinions.select_related("item"):
        agrees = (opinion.can_delegate == "no") == (
            opinion.item.final_class == ItemClass.NOT_RECOMMENDED
        )
        dispositions.disposition_save(
            by=office,
            opinion=opinion,
            outcome="adopted" if agrees else "partly",
            reason="" if agrees else "结合乡镇承接意愿分批下放",
            at=_at(day),
        )
    for feedback in round_.feedback.exclude(willing="yes").select_related("item"):
        first = feedback.item.final_class == ItemClass.BATCH1
        dispositions.disposition_save(
            by=office,
            feedback=feedback,
            outcome="not_adopted" if first else "adopted",
            reason="县城管局派驻执法中队并组织培训,解决承接能力问题" if first else "暂缓下放",
            at=_at(day),
        )


def _meetings(project, office, round_, townships, day) -> None:
    city = list(project.items.filter(final_class=ItemClass.BATCH1))
    for offset, township in enumerate(townships):
        dispositions.meeting_record(
            by=office,
            project=project,
            round_=round_,
            held_on=day + timedelta(days=1 + offset // 5),
            title=f"与{township.name}书记、镇长(主任)座谈",
            attendees=f"县委编办;{township.name}党政主要负责人",
            agreed="逐条研究185项权限,城市管理领域行政处罚事项优先承接,其余事项分批研究。",
            items=city,
        )
    urban = Department.objects.get(division=project.county, short_name="县城管局")
    dispositions.meeting_record(
        by=office,
        project=project,
        round_=round_,
        held_on=day + timedelta(days=6),
        title="职能部门与镇(街道)面对面交流会",
        attendees=f"县委编办;{urban.name};20个镇(街道)分管负责人",
        agreed="县城管局向每个镇(街道)派驻1个执法中队,实行双重管理、以镇(街道)为主。",
        items=city,
    )


def _review(project, office, reviewer) -> Batch:
    first = list(project.items.filter(final_class=ItemClass.BATCH1))
    batch = review.batch_create(
        by=office, project=project, title="第一批赋权事项", mode=Mode.ENTRUSTMENT, items=first
    )
    review.batch_send_for_review(by=office, batch=batch)
    for batch_item in batch.items.select_related("item__power"):
        review.review_save(
            by=reviewer,
            batch_item=batch_item,
            mode=Mode.ENTRUSTMENT,
            legal_route=LEGAL_ROUTE,
            verdict="pass",
            at=_at(date(2025, 8, 25)),
        )
    return review.batch_review_complete(
        by=reviewer, batch=batch, reason="52项均属县级权限,委托方式合法"
    )


def report(project) -> dict:
    """The scenario's figures, read back through the system's reports."""
    batch = project.batches.get(number=1)
    return {
        "classes": class_counts(project),
        "consultation": consultation_counts(project),
        "batch": batch_counts(batch),
        "batch_status": batch.get_status_display(),
        "batch_mode": batch.get_mode_display(),
    }


def print_report(figures: dict, stdout) -> None:
    c, k, b = figures["classes"], figures["consultation"], figures["batch"]
    labels = dict(ItemClass.choices)
    stdout.write(
        f"评估事项 {c['total']} 项:" + ",".join(f"{labels[x]} {c[x]} 项" for x in ItemClass.values)
    )
    stdout.write(
        f"征求意见 {k['rounds']} 轮,每轮均征求 {k['townships_in_every_round']} 个镇(街道);"
        f"乡镇反馈 {k['feedback']} 条,部门意见 {k['opinions']} 条,座谈会 {k['meetings']} 次,催办 {k['reminders']} 次"
    )
    kinds = ",".join(f"{f}·{t} {n} 项" for (f, t), n in sorted(b["by_field_type"].items()))
    stdout.write(
        f"第一批 {b['total']} 项({kinds}),方式:{figures['batch_mode']},"
        f"合法性审核通过 {b['verdicts']['pass']} 项,状态:{figures['batch_status']}"
    )


def load(*, stdout) -> None:
    state = load_until_review(stdout=stdout)
    print_report(report(state.project), stdout)
    try:
        from quanze.delegation.scenarios import s000_approval
    except ImportError:
        stdout.write("(常务会审议与发布由 quanze.delegation.scenarios.s000_approval 继续)")
        return
    s000_approval.load_from_review(state, stdout=stdout)
