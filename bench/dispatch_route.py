"""Routing one event in-process: matter, place, day -> primary unit, cooperating units, time
limits and the stored reasons (`quanze.dispatch.routing.selectors.event_route`).

Every county of the generated province gets scenario 002's 243-matter territorial list,
published through the duties services. The events are drawn at random over every
township, matter and day of 2025; each call is timed on its own for the p99. The
first event of each county loads that county's list into memory (a few queries);
those calls are included in the figures.
"""

import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from bench.env import setup_django
from bench.steps import report


def publish_lists() -> int:
    from quanze.duties.scenarios.s002 import EFFECTIVE, rows
    from quanze.duties.territorial import services as territorial
    from quanze.org.models import Division

    counties = Division.objects.filter(level=Division.Level.COUNTY).order_by("code")
    for county in counties:
        responsibility_list = territorial.list_for_county(by=None, county=county)
        draft = territorial.version_draft(by=None, responsibility_list=responsibility_list)
        territorial.version_set_items(by=None, version=draft, rows=rows(county))
        territorial.version_publish(by=None, version=draft, effective_date=EFFECTIVE)
    return counties.count()


def step_route(args) -> None:
    from django.core.management import call_command

    setup_django()
    started = time.perf_counter()
    call_command(
        "generate", f"--townships={args.townships}", "--items=5", "--no-lists", verbosity=0
    )
    counties = publish_lists()
    report(
        "dispatch.route.setup",
        round(time.perf_counter() - started, 1),
        "s",
        note=f"{counties} 个县各发布243项属地管理清单",
    )

    from quanze.dispatch.models import Event
    from quanze.dispatch.routing.selectors import event_route
    from quanze.duties.models import Matter
    from quanze.duties.territorial.routing import clear_cache
    from quanze.org.models import Division

    towns = list(Division.objects.filter(level=Division.Level.TOWNSHIP))
    matters: dict[int, list] = {}
    for matter in Matter.objects.all():
        matters.setdefault(matter.county_id, []).append(matter)
    rng = random.Random(3)
    year = datetime(2025, 1, 1, 8, tzinfo=UTC)

    def draw():
        out = []
        for _ in range(args.routes):
            town = rng.choice(towns)
            when = year + timedelta(minutes=rng.randrange(525_600))
            out.append(
                (Event(township=town, occurred_at=when), rng.choice(matters[town.parent_id]))
            )
        return out

    def run(events):
        times, clock = [], time.perf_counter_ns
        began = clock()
        for event, matter in events:
            t0 = clock()
            route = event_route(event=event, matter=matter)
            times.append(clock() - t0)
            assert route.primary is not None
        times.sort()
        return (clock() - began) / 1e9, times

    clear_cache()
    cold_total, cold = run(draw())  # every county's list is loaded on its first event
    total, times = run(draw())  # fresh events, lists in memory: the steady state
    n = args.routes
    report(
        "dispatch.route.throughput",
        round(n / total),
        "routes/s",
        note=f"{n} 件事件, {len(towns)} 个乡镇, 各县清单已载入",
    )
    report("dispatch.route.p50", round(statistics.median(times) / 1000, 1), "µs")
    report("dispatch.route.p99", round(times[int(n * 0.99)] / 1000, 1), "µs")
    report(
        "dispatch.route.cold_throughput",
        round(n / cold_total),
        "routes/s",
        note="含每县清单首次载入",
    )
    report("dispatch.route.cold_p99", round(cold[int(n * 0.99)] / 1000, 1), "µs")
    report(
        "dispatch.route.list_load_max", round(cold[-1] / 1e6, 1), "ms", note="一个县清单首次载入"
    )
