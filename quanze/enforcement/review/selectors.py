"""Reads of the case-file review and its access choke points.

The justice bureau organises and reads every round of its county. Once a round is
finished, a township team reads the round with its own files, a county department the
files of its own cases and of the cases under its powers. Nobody else (not the office,
not the public, not another county) sees a round: the same 404 as a missing one.
"""

from django.db.models import Avg, Count, Q

from quanze.core.errors import NotFound
from quanze.enforcement.review.models import ReviewedFile, ReviewRound, ScoreSheet
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk


def _unit_files(user) -> Q | None:
    """A filter on ReviewedFile: the files of `user`'s unit (None: not a unit clerk)."""
    if is_township_clerk(user):
        return Q(case__township_id=user.township_id)
    if is_department_clerk(user):
        return Q(case__department_id=user.department_id) | Q(
            case__acting_department_id=user.department_id
        )
    return None


def rounds_visible(user):
    if is_reviewer(user):
        return ReviewRound.objects.filter(county_id=user.county_id)
    unit = _unit_files(user)
    if unit is None:
        return ReviewRound.objects.none()
    files = ReviewedFile.objects.filter(unit).values("round_id")
    return ReviewRound.objects.filter(state=ReviewRound.State.FINISHED, pk__in=files)


def files_visible(user):
    if is_reviewer(user):
        return ReviewedFile.objects.filter(round__county_id=user.county_id)
    unit = _unit_files(user)
    if unit is None:
        return ReviewedFile.objects.none()
    return ReviewedFile.objects.filter(unit, round__state=ReviewRound.State.FINISHED)


def access_round(user, pk: int) -> ReviewRound:
    found = rounds_visible(user).select_related("sheet", "county").filter(pk=pk).first()
    if found is None:
        raise NotFound("评查轮次")
    return found


def access_file(user, pk: int) -> ReviewedFile:
    found = (
        files_visible(user)
        .select_related("round__sheet", "case__power", "case__township", "case__department")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound("评查案卷")
    return found


def sheets_visible(user):
    if is_reviewer(user):
        return ScoreSheet.objects.filter(county_id=user.county_id).prefetch_related("items")
    return ScoreSheet.objects.none()


def access_sheet(user, pk: int) -> ScoreSheet:
    found = sheets_visible(user).filter(pk=pk).first()
    if found is None:
        raise NotFound("评查标准")
    return found


def round_files(user, round_: ReviewRound):
    return (
        files_visible(user)
        .filter(round=round_)
        .select_related("case", "case__power")
        .prefetch_related("findings__item")
        .order_by("unit_name", "case__number")
    )


def unit_results(user, round_: ReviewRound) -> list[dict]:
    """Per unit: files, scored, average score, vetoed, passed (score ≥ 60, no veto); one
    aggregate query."""
    return list(
        files_visible(user)
        .filter(round=round_)
        .values("unit_name")
        .annotate(
            files=Count("id"),
            scored=Count("id", filter=Q(scored_at__isnull=False)),
            average=Avg("score", filter=Q(scored_at__isnull=False)),
            vetoes=Count("id", filter=Q(vetoed=True)),
            passed=Count("id", filter=Q(vetoed=False, score__gte=60)),
        )
        .order_by("unit_name")
    )
