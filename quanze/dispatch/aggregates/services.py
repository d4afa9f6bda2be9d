"""Keeping the measures' aggregates (quanze.dispatch.aggregates.models) in step with the events.

Every service that writes a field the measures read wraps its writes in `kept(event)`: the
event's lead assignments are read before and after (one small query each), and the
difference goes into the aggregates by set-based upserts (INSERT … ON CONFLICT DO UPDATE SET
n = n + excluded.n, the same SQL on SQLite and PostgreSQL), in the same transaction; the
month rows' packed bins are rewritten under the row lock their upsert took. `rebuild`
computes them all from the raw rows (existing data, bulk loads)."""

import logging
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from contextlib import contextmanager

from django.apps import apps as django_apps
from django.db import connection, transaction
from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q, Sum, Value
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from quanze.dispatch.aggregates.models import (
    BIN_SECONDS,
    DurationBin,
    MeasuresDay,
    MeasuresMonth,
    bin_of,
    pack,
    unpack,
)
from quanze.dispatch.events.models import Assignment, Event

R = Assignment.Role
logger = logging.getLogger(__name__)
LEADS = [R.PRIMARY, R.FALLBACK]
ROW = (
    "department_id",
    "assigned_at",
    "role",
    "accepted_in_time",
    "handled_at",
    "sent_back",
    "accept_seconds",
    "handle_seconds",
    "event__satisfied",
    "event__rating",
)


def lead_figures() -> dict:
    """The counts the measures add up, as aggregates over lead assignments: one definition
    for the rebuild, the part-day edges of a period and the raw reference computation."""
    return {
        "dispatched": Count("id"),
        "accepted_in_time": Count("id", filter=Q(accepted_in_time=True)),
        "resolved": Count("id", filter=Q(handled_at__isnull=False) & ~Q(event__satisfied=False)),
        "rated": Count("id", filter=Q(event__satisfied__isnull=False)),
        "satisfied": Count("id", filter=Q(event__satisfied=True)),
        "rating_n": Count("event__rating"),
        "rating_sum": Sum("event__rating", default=0),
        "sent_back": Count("id", filter=Q(sent_back=True)),
        "fallback_acted": Count("id", filter=Q(role=R.FALLBACK)),
    }


def day_of(moment):
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def contributions(event_ids) -> tuple[Counter, Counter]:
    """What the lead assignments of these events add to the aggregates."""
    rows = Assignment.objects.filter(event_id__in=event_ids, role__in=LEADS).order_by()
    return fold(rows.values_list(*ROW))


def fold(rows) -> tuple[Counter, Counter]:
    """Lead assignment rows (`ROW`'s columns) added up: counts keyed by (department_id, day,
    field), bins keyed by (department_id, day, kind, bin)."""
    counts, bins = Counter(), Counter()
    for (
        dept,
        at,
        role,
        in_time,
        handled,
        back,
        accept,
        handle,
        satisfied,
        rating,
    ) in rows:
        key = (dept, day_of(at))
        figures = {
            "dispatched": 1,
            "accepted_in_time": in_time is True,
            "resolved": handled is not None and satisfied is not False,
            "rated": satisfied is not None,
            "satisfied": satisfied is True,
            "rating_n": rating is not None,
            "rating_sum": rating or 0,
            "sent_back": bool(back),
            "fallback_acted": role == R.FALLBACK,
        }
        for name, value in figures.items():
            counts[(*key, name)] += int(value)
        for kind, seconds in (("accept", accept), ("handle", handle)):
            if seconds is not None:
                bins[(*key, kind, bin_of(seconds))] += 1
    return counts, bins


def _upsert(table: str, keys: tuple, names: tuple, rows: list, fixed: tuple = ()) -> None:
    """Add the rows' `names` to the rows of the same `keys`, inserting those missing; the
    `fixed` columns are given in the rows too, for an inserted row only."""
    if not rows:
        return
    columns = (*keys, *names, *fixed)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(quote(k) for k in keys)}) DO UPDATE SET "
        + ", ".join(f"{quote(n)} = {quote(table)}.{quote(n)} + excluded.{quote(n)}" for n in names)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def apply(before: tuple[Counter, Counter], after: tuple[Counter, Counter]) -> None:
    """Add after - before to the aggregates: one upsert per table; bins left at 0 go; then
    the months (`_apply_months`)."""
    adapt = connection.ops.adapt_datefield_value
    days: dict[tuple, dict] = {}
    for key in before[0].keys() | after[0].keys():
        change = after[0][key] - before[0][key]
        if change:
            days.setdefault(key[:2], dict.fromkeys(MeasuresDay.COUNTS, 0))[key[2]] = change
    _upsert(
        MeasuresDay._meta.db_table,
        ("department_id", "day"),
        MeasuresDay.COUNTS,
        # rows in key order: two transactions touching the same departments lock them in
        # the same order (no deadlock between events with leads A, B and B, A)
        [
            (d, adapt(day), *(c[n] for n in MeasuresDay.COUNTS))
            for (d, day), c in sorted(days.items())
        ],
    )
    changed = {
        key: after[1][key] - before[1][key]
        for key in before[1].keys() | after[1].keys()
        if after[1][key] != before[1][key]
    }
    _upsert(
        DurationBin._meta.db_table,
        ("department_id", "day", "kind", "bin"),
        ("n",),
        [(d, adapt(day), kind, b, n) for (d, day, kind, b), n in sorted(changed.items())],
    )
    if any(n < 0 for n in changed.values()):
        gone = Q()
        for d, day, kind, b in changed:
            gone |= Q(department_id=d, day=day, kind=kind, bin=b)
        DurationBin.objects.filter(gone, n=0).delete()
    _apply_months(days, changed)


def _apply_months(days: dict, changed: dict) -> None:
    """The month rows follow the days: the counts by one upsert (which creates a missing
    row and locks it until the end of the transaction), then each month whose times
    changed has its packed bins read, changed and written back under that lock."""
    months: dict[tuple, dict] = {}
    for (d, day), change in days.items():
        mine = months.setdefault((d, day.replace(day=1)), dict.fromkeys(MeasuresDay.COUNTS, 0))
        for name in MeasuresDay.COUNTS:
            mine[name] += change[name]
    moved: dict[tuple, Counter] = defaultdict(Counter)
    for (d, day, kind, b), n in changed.items():
        key = (d, day.replace(day=1))
        moved[key][(kind, b)] += n
        months.setdefault(key, dict.fromkeys(MeasuresDay.COUNTS, 0))
    adapt = connection.ops.adapt_datefield_value
    _upsert(
        MeasuresMonth._meta.db_table,
        ("department_id", "month"),
        MeasuresDay.COUNTS,
        [
            (d, adapt(month), *(c[n] for n in MeasuresDay.COUNTS), b"", b"")
            for (d, month), c in sorted(months.items())
        ],
        fixed=("accept_bins", "handle_bins"),
    )
    if not moved:
        return
    which = Q()
    for d, month in moved:
        which |= Q(department_id=d, month=month)
    locked = MeasuresMonth.objects.select_for_update().filter(which)
    for pk, d, month, *packed in locked.values_list(
        "pk", "department_id", "month", "accept_bins", "handle_bins"
    ):
        change = moved[(d, month)]
        written = {}
        for kind, data in zip(("accept", "handle"), packed, strict=True):
            values = list(unpack(bytes(data)))
            for (k, b), n in change.items():
                if k != kind:
                    continue
                for _ in range(n):
                    insort(values, b)
                for _ in range(-n):
                    at = bisect_left(values, b)
                    if at == len(values) or values[at] != b:
                        # Out of step with the days (rows loaded around `kept`): the
                        # person's write goes on; the measures say so until a rebuild.
                        logger.error(
                            "measures month %s/%s lacks bin %s: run measures_rebuild", d, month, b
                        )
                        continue
                    del values[at]
            written[f"{kind}_bins"] = pack(values)
        MeasuresMonth.objects.filter(pk=pk).update(**written)


@contextmanager
def kept(*events):
    """Wrap the writes that change what the measures read of these events (their lead
    assignments, or the event's rating): the aggregates follow in the same transaction."""
    ids = [getattr(e, "pk", e) for e in events]
    with transaction.atomic():
        # The events' rows locked first (PostgreSQL; SQLite has one writer): two writes to
        # one event's assignments cannot both read the same "before".
        list(Event.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
        before = contributions(ids)
        yield
        apply(before, contributions(ids))


def binned(column: str):
    return ExpressionWrapper(
        (F(column) + Value(BIN_SECONDS // 2)) / Value(BIN_SECONDS), output_field=IntegerField()
    )


@transaction.atomic
def rebuild(apps=django_apps) -> dict:
    """Compute the aggregates from every lead assignment: the days, then the months."""
    figures = rebuild_days(apps)
    figures["months"] = rebuild_months(apps)
    return figures


def rebuild_days(apps=django_apps) -> dict:
    """The day rows from every lead assignment, set-based: the old rows go, then one
    INSERT … SELECT per table (the counts, then each kind of time). `apps` lets a data
    migration run it on its historical models."""
    assignment = apps.get_model("dispatch", "Assignment")
    day_model = apps.get_model("dispatch", "MeasuresDay")
    bin_model = apps.get_model("dispatch", "DurationBin")
    day_model.objects.all().delete()
    bin_model.objects.all().delete()
    zone = timezone.get_default_timezone()
    leads = assignment.objects.filter(role__in=LEADS).order_by()
    by_day = leads.annotate(day=TruncDate("assigned_at", tzinfo=zone)).values(
        "department_id", "day"
    )
    figures = by_day.annotate(**lead_figures())
    columns = ("department_id", "day", *MeasuresDay.COUNTS)
    _insert_select(day_model._meta.db_table, columns, figures)
    for kind in ("accept", "handle"):
        rows = (
            by_day.filter(**{f"{kind}_seconds__isnull": False})
            .annotate(kind=Value(kind), bin=binned(f"{kind}_seconds"))
            .values("department_id", "day", "kind", "bin")
            .annotate(n=Count("id"))
        )
        _insert_select(bin_model._meta.db_table, ("department_id", "day", "kind", "bin", "n"), rows)
    return {"days": day_model.objects.count(), "bins": bin_model.objects.count()}


def rebuild_months(apps=django_apps) -> int:
    """The month rows from the day rows: the counts added up by one grouped query, the bins
    read in (department, bin) order, one department at a time, and packed per month and
    kind; written in batches."""
    day_model = apps.get_model("dispatch", "MeasuresDay")
    bin_model = apps.get_model("dispatch", "DurationBin")
    month_model = apps.get_model("dispatch", "MeasuresMonth")
    month_model.objects.all().delete()
    sums = {name: Sum(name) for name in MeasuresDay.COUNTS}
    counts: dict[int, dict] = defaultdict(dict)  # department -> month -> counts
    for row in (
        day_model.objects.order_by()
        .annotate(m=TruncMonth("day"))
        .values("department_id", "m")
        .annotate(**sums)
    ):
        counts[row.pop("department_id")][row.pop("m")] = row
    made, batch = 0, []

    def add(dept, times):
        nonlocal made
        for month, row in counts.pop(dept, {}).items():
            accept, handle = (pack(times.get((month, kind), ())) for kind in ("accept", "handle"))
            batch.append(
                month_model(
                    department_id=dept, month=month, accept_bins=accept, handle_bins=handle, **row
                )
            )
        if len(batch) >= 2000:
            month_model.objects.bulk_create(batch)
            made += len(batch)
            batch.clear()

    rows = (
        bin_model.objects.order_by("department_id", "bin")
        .values_list("department_id", "day", "kind", "bin", "n")
        .iterator(chunk_size=20_000)
    )
    dept, times = None, defaultdict(list)
    for d, day, kind, b, n in rows:
        if d != dept:
            add(dept, times)
            dept, times = d, defaultdict(list)
        times[(day.replace(day=1), kind)].extend([b] * n)
    add(dept, times)
    for d in list(counts):  # departments with counts and no times
        add(d, {})
    month_model.objects.bulk_create(batch)
    return made + len(batch)


def _insert_select(table: str, columns: tuple, qs) -> None:
    """INSERT the grouped rows of `qs`, its columns picked by name from a subquery (the
    order Django gives a values() select is not ours to rely on)."""
    sql, params = qs.query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(table)} ({names}) SELECT {names} FROM ({sql}) grouped", params
        )
