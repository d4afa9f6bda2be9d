"""Matter suggestion for events: the county's matters and its confirmed past events feed a
`MatterIndex`, kept in memory per county until matters or confirmations change."""

import time
from threading import Lock

from django.db.models import Count, Max

from quanze.dispatch.events.models import Event
from quanze.dispatch.events.selectors import county_matters
from quanze.dispatch.suggestion.matcher import MatterIndex

EXAMPLES_PER_MATTER = 200  # the newest confirmed events of each matter
CHECK_SECONDS = 30  # how long an index is used before its freshness is checked again
_cache: dict[int, tuple[tuple, float, MatterIndex]] = {}
_lock = Lock()


def _synonyms(matter) -> str:
    return f"{matter.synonyms} {matter.field.name if matter.field_id else ''}"


def _stamp(county) -> tuple:
    matters = county_matters(county).order_by().aggregate(n=Count("pk"), top=Max("pk"))
    confirmed = Event.objects.filter(county=county, matter_confirmed_by__isnull=False).aggregate(
        n=Count("pk"), top=Max("row_version")
    )
    return (matters["n"], matters["top"], confirmed["n"], confirmed["top"])


def _build(county) -> MatterIndex:
    matters = list(county_matters(county))
    labels = [(m.pk, m.name, _synonyms(m)) for m in matters]
    examples = []
    rows = (
        Event.objects.filter(county=county, matter_confirmed_by__isnull=False, matter__isnull=False)
        .order_by("matter_id", "-id")
        .values_list("matter_id", "description")
    )
    counts: dict[int, int] = {}
    for matter_id, description in rows.iterator(chunk_size=5000):
        if counts.get(matter_id, 0) < EXAMPLES_PER_MATTER:
            counts[matter_id] = counts.get(matter_id, 0) + 1
            examples.append((matter_id, description))
    return MatterIndex(labels, examples)


def matter_index(county) -> MatterIndex:
    now = time.monotonic()
    cached = _cache.get(county.pk)
    if cached and now - cached[1] < CHECK_SECONDS:
        return cached[2]
    stamp = _stamp(county)
    if cached and cached[0] == stamp:
        _cache[county.pk] = (stamp, now, cached[2])
        return cached[2]
    with _lock:
        index = _build(county)
        _cache[county.pk] = (stamp, now, index)
    return index


def forget() -> None:
    """Drop cached indexes (tests, and after bulk changes to matters)."""
    _cache.clear()


def suggestions_from(index: MatterIndex, text: str, k: int = 3) -> list[dict]:
    return [{"matter_id": s.matter_id, "score": s.score} for s in index.suggest(text, k)]


def suggestions_for(*, county, text: str, k: int = 3) -> list[dict]:
    index = matter_index(county)
    return [
        {**s, "name": index.names.get(s["matter_id"], "")} for s in suggestions_from(index, text, k)
    ]


def suggested_matters(event) -> list[dict]:
    """The stored suggestions of an event whose matter is not confirmed yet, with names."""
    if event.matter_id or not event.suggestions:
        return []
    names = dict(
        county_matters(event.county)
        .filter(pk__in=[s["matter_id"] for s in event.suggestions])
        .values_list("pk", "name")
    )
    return [
        {**s, "name": names.get(s["matter_id"], ""), "strength": match_strength(s["score"])}
        for s in event.suggestions
        if s["matter_id"] in names
    ]


def match_strength(score: float) -> str:
    """A suggestion's score as a person reads it. A matter whose name matches best scores
    1.0, its examples add up to 0.5 more: 0.75 and up is 高, 0.3 and up 中, below 低."""
    if score >= 0.75:
        return "高"
    if score >= 0.3:
        return "中"
    return "低"
