"""Keeping the measures' aggregates (quanze.dispatch.aggregates.models) in step with the events.

Every service that writes a field the measures read wraps its writes in `kept(event)`: the
event's lead assignments are read before and after (one small query each), and the
difference goes into the aggregates by two set-based upserts (INSERT … ON CONFLICT DO
UPDATE SET n = n + excluded.n, the same SQL on SQLite and PostgreSQL), in the same
transaction. `rebuild` computes them all from the raw rows (existing data, bulk loads)."""

from collections import Counter
from contextlib import contextmanager

from django.apps import apps as django_apps
from django.db import connection, transaction
from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q, Sum, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from quanze.dispatch.aggregates.models import BIN_SECONDS, DurationBin, MeasuresDay, bin_of
from quanze.dispatch.events.models import Assignment, Event

R = Assignment.Role
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
    """What the lead assignments of these events add to the aggregates: counts keyed by
    (department_id, day, field), bins keyed by (department_id, day, kind, bin)."""
    counts, bins = Counter(), Counter()
    rows = Assignment.objects.filter(event_id__in=event_ids, role__in=LEADS).order_by()
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
    ) in rows.values_list(*ROW):
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


def _upsert(table: str, keys: tuple, names: tuple, rows: list) -> None:
    if not rows:
        return
    columns = (*keys, *names)
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
    """Add after - before to the aggregates: one upsert per table; bins left at 0 go."""
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
        [(d, adapt(day), *(c[n] for n in MeasuresDay.COUNTS)) for (d, day), c in days.items()],
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
        [(d, adapt(day), kind, b, n) for (d, day, kind, b), n in changed.items()],
    )
    if any(n < 0 for n in changed.values()):
        gone = Q()
        for d, day, kind, b in changed:
            gone |= Q(department_id=d, day=day, kind=kind, bin=b)
        DurationBin.objects.filter(gone, n=0).delete()


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
    """Compute the aggregates from every lead assignment, set-based: the old rows go, then
    one INSERT … SELECT per table (the counts, then each kind of time). `apps` lets a data
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
