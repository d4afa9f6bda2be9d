"""Writes of the law-change register: the justice bureau records acts, imports their
articles and records amendments, repeals and interpretations. Every write is validated,
atomic and recorded in history; recording a change notifies every unit it touches."""

from dataclasses import replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.models import Power
from quanze.core.errors import Forbidden, refuses_control_chars, validate_model
from quanze.core.history import change_record, record_change, record_changes
from quanze.evaluation.adjustment import notices as adjustment_notices
from quanze.evaluation.adjustment import services as adjustment
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.selectors import projects_from
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.evaluation.lawchange import selectors
from quanze.evaluation.lawchange.models import ActVersion, Article, LawChange, LegalAct
from quanze.evaluation.lawchange.notices import law_change_notices
from quanze.evaluation.lawchange.parsing import article_label, parse_articles
from quanze.evaluation.lawchange.titles import normalise_title

FORBIDDEN = "只有司法局可以登记法律法规及其立改废释"


def _require_bureau(by) -> None:
    if not selectors.can_record(by):
        raise Forbidden(FORBIDDEN)


@refuses_control_chars(LegalAct, text="条文", document_number="文号")
@transaction.atomic
def act_create(
    *,
    by,
    title: str,
    rank: str,
    effective_date: date,
    issuing_body: str = "",
    aliases: str = "",
    document_number: str = "",
    text: str = "",
) -> LegalAct:
    """Register an act with its first version in force (and its articles, if given)."""
    _require_bureau(by)
    act = LegalAct(
        title=normalise_title(title),
        rank=rank,
        issuing_body=(issuing_body or "").strip(),
        aliases=(aliases or "").strip(),
    )
    validate_model(act)
    act.save()
    version = ActVersion(
        act=act, number=1, effective_date=effective_date, document_number=document_number.strip()
    )
    validate_model(version, exclude=["act"])
    version.save()
    count = _store_articles(version, text) if text.strip() else 0
    record_change(act, action="create", actor=by,
                  after={"title": act.title, "rank": rank, "articles": count})  # fmt: skip
    return act


def _store_articles(version: ActVersion, text: str) -> int:
    parsed = parse_articles(text)
    version.articles.all().delete()
    Article.objects.bulk_create(
        Article(version=version, number=a.number, sub=a.sub, chapter=a.chapter[:200],
                text=a.text, position=i)
        for i, a in enumerate(parsed, start=1)
    )  # fmt: skip
    return len(parsed)


@refuses_control_chars(text="条文")
@transaction.atomic
def articles_import(*, by, act: LegalAct, text: str) -> int:
    """Replace the articles of the act's current version with those read from `text`
    (all or nothing: a bad line changes nothing)."""
    _require_bureau(by)
    version = selectors.current_version(act)
    before = version.articles.count()
    count = _store_articles(version, text)
    record_change(act, action="import_articles", actor=by, before={"articles": before},
                  after={"articles": count, "version": version.number})  # fmt: skip
    return count


@refuses_control_chars(document_number="文号", summary="变更说明", text="新条文")
@transaction.atomic
def change_record_save(
    *,
    by,
    act: LegalAct,
    kind: str,
    effective_from: date,
    articles: list[str] = (),
    document_number: str = "",
    summary: str = "",
    text: str = "",
) -> LawChange:
    """Record an amendment (a new version in force from `effective_from`, the old one
    amended), a repeal (the act no longer in force) or an interpretation (no new text),
    then tell every unit whose lists cite the changed articles."""
    _require_bureau(by)
    act = LegalAct.objects.select_for_update().get(pk=act.pk)
    before = selectors.current_version(act)
    errors = {}
    if kind not in LawChange.Kind.values:
        errors["kind"] = "类型:应为修改、废止或解释"
    if before is None or before.status != ActVersion.Status.IN_FORCE:
        errors["act"] = f"法规:{act}已无现行有效版本,不能再变更"
    elif effective_from < before.effective_date:
        errors["effective_from"] = (
            f"生效日期:不能早于现行版本的施行日期({before.effective_date:%Y-%m-%d})"
        )
    articles = list(dict.fromkeys(str(a) for a in articles))
    if kind == LawChange.Kind.AMEND and not articles:
        errors["articles"] = "涉及条文:修改须写明修改了哪些条(如 23、24)"
    if kind == LawChange.Kind.REPEAL:
        articles = []
    if before is not None and articles and before.articles.exists():
        known = {str(n) for n in before.articles.filter(sub=0).values_list("number", flat=True)}
        missing = [a for a in articles if a not in known]
        if missing:
            errors["articles"] = "涉及条文:现行版本中没有" + "、".join(
                article_label(a) for a in missing
            )
    if errors:
        raise ValidationError(errors)
    after = None
    if kind == LawChange.Kind.AMEND:
        before.status = ActVersion.Status.AMENDED
        before.save(update_fields=["status"])
        after = ActVersion.objects.create(
            act=act, number=before.number + 1, effective_date=effective_from,
            document_number=document_number.strip(), note=summary.strip()[:500],
        )  # fmt: skip
        if text.strip():
            _store_articles(after, text)
        else:
            Article.objects.bulk_create(
                Article(version=after, number=a.number, sub=a.sub, chapter=a.chapter,
                        text=a.text, position=a.position)
                for a in before.articles.all()
            )  # fmt: skip
    elif kind == LawChange.Kind.REPEAL:
        before.status = ActVersion.Status.REPEALED
        before.save(update_fields=["status"])
    change = LawChange(
        act=act, kind=kind, version_before=before, version_after=after, articles=articles,
        effective_from=effective_from, document_number=document_number.strip(),
        summary=summary.strip(), recorded_by=by, recorded_at=timezone.now(),
    )  # fmt: skip
    validate_model(change, exclude=["act", "version_before", "version_after", "recorded_by"])
    change.save()
    rows = selectors.impact_rows(selectors.change_scope(change))
    units = selectors.units_to_notify(rows)
    law_change_notices(change, units)
    change.rows_found, change.units_notified = len(rows), len(units)
    change.save(update_fields=["rows_found", "units_notified"])
    state = {"kind": change.get_kind_display(), "articles": articles,
             "effective_from": effective_from.isoformat(), "rows": len(rows),
             "units": len(units)}  # fmt: skip
    record_changes([
        change_record(change, action="create", actor=by, after=state, reason=summary),
        change_record(act, action=f"law_{kind}", actor=by, reason=summary,
                      before={"version": before.number, "status": "现行有效"},
                      after={"version": after.number if after else before.number,
                             "status": before.get_status_display()}),
    ])  # fmt: skip
    return change


def change_origin(change: LawChange) -> str:
    """How an adjustment project names the law change it came from."""
    return f"evaluation.lawchange:{change.pk}"


def _own_or_upward(spec: ChangeSpec, owners: dict[int, int], county_id: int) -> ChangeSpec:
    """The county amends the basis of its own powers; a power of the city or province is
    reported upward (本级无权修改其依据)."""
    if owners.get(spec.power_id) == county_id:
        return spec
    return replace(
        spec, kind=ChangeKind.REPORT_UPWARD, reason=f"{spec.reason},本级无权修改依据,建议上级调整"
    )


@refuses_control_chars(title="项目名称")
@transaction.atomic
def adjustment_open(*, by, change: LawChange, title: str = "") -> AdjustmentProject:
    """Open the adjustment project (动态调整立项) of a recorded change for the office's county:
    one change per power of the county citing a changed article (依据变更; a power owned
    above the county: 上报建议), through `adjustment.services.project_open`, and tell the
    units concerned. Refused, with nothing written, when no row of the county cites the
    changed articles or the county already has a project from this change."""
    if by is None or not selectors.can_open_adjustment(by) or by.county_id is None:
        raise Forbidden("只有县(市、区)编办可以据法规变更发起动态调整")
    county = by.county
    title = (title or "").strip()
    if len(title) > 200:
        raise ValidationError({"title": "项目名称:不能超过200字"})
    existing = projects_from(change_origin(change), county.pk).first()
    if existing is not None:
        raise ValidationError(
            {"change": f"法规变更:本县已据此发起动态调整项目「{existing.title}」,不能重复立项"}
        )
    specs = selectors.change_specs(change, by)
    owners = dict(
        Power.objects.filter(pk__in=[s.power_id for s in specs]).values_list("pk", "owner_id")
    )
    specs = [_own_or_upward(s, owners, county.pk) for s in specs]
    if not specs:
        raise ValidationError({"change": f"法规变更:{change}未涉及本县的任何事项,无需发起动态调整"})
    project = adjustment.project_open(
        actor=by,
        county=county,
        title=title or f"{change.act}{change.get_kind_display()}动态调整",
        origin=change_origin(change),
        changes=specs,
    )
    record_change(
        change,
        action="adjustment_open",
        actor=by,
        after={"adjustment": project.pk, "county": county.code, "changes": len(specs)},
        reason=project.title,
    )
    adjustment_notices.opened(project)
    return project
