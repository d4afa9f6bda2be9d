"""Matter suggestion against scenario 002's catalogue of 243 matters (issue 4):
top-1 and top-3 accuracy and time per event on the labelled complaints under bench/data.

- complaints.csv: 308 complaints in 12345 style over the first 59 matters, labelled by
  matter name (the names are scenario 002's);
- complaints_002.csv: 199 more, at least one for each of the other 184 matters, labelled
  by code and name (SD-nnn, the code `quanze scenario 002` gives the nth matter).

Every complaint is ranked among all 243 matters, whose labels are built as the county's
index builds them (`quanze.dispatch.suggestion.selectors`): name, synonyms and the field's name.
Two settings: labels only (a county with no history), and with history, where the
complaints of the other four of five folds stand for past confirmed events.
"""

import csv
import time
from pathlib import Path

from bench.steps import report

DATA = Path(__file__).resolve().parent / "data"
FOLDS = 5


def labelled() -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """(labels, complaints): labels (index, name, synonyms + field) of the 243 matters,
    complaints (matter index, text, which file) with every label checked."""
    from quanze.duties.scenarios.s002_data import matters

    catalogue = matters()
    labels = [(i, m["name"], f"{m['synonyms']} {m['field']}") for i, m in enumerate(catalogue)]
    by_name = {m["name"]: i for i, m in enumerate(catalogue)}
    complaints = []
    with (DATA / "complaints.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            complaints.append((by_name[row["matter"]], row["text"], "complaints.csv"))
    with (DATA / "complaints_002.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            index = int(row["code"].removeprefix("SD-")) - 1
            if catalogue[index]["name"] != row["matter"]:
                raise ValueError(f"complaints_002.csv: {row['code']} is not {row['matter']}")
            complaints.append((index, row["text"], "complaints_002.csv"))
    return labels, complaints


def step_suggest(args) -> None:
    from quanze.dispatch.suggestion.matcher import MatterIndex

    labels, complaints = labelled()
    cold = MatterIndex(labels)
    warm = {
        fold: MatterIndex(
            labels, [(m, text) for j, (m, text, _) in enumerate(complaints) if j % FOLDS != fold]
        )
        for fold in range(FOLDS)
    }
    covered = len({m for m, _, _ in complaints})
    for name, index_of in (
        ("labels_only", lambda k: cold),
        ("with_history", lambda k: warm[k % FOLDS]),
    ):
        hits: dict[str, list[int]] = {}
        started = time.perf_counter()
        for k, (truth, text, source) in enumerate(complaints):
            got = [s.matter_id for s in index_of(k).suggest(text)]
            hits.setdefault(source, []).append(2 if got[:1] == [truth] else truth in got)
        elapsed = time.perf_counter() - started
        every = [h for counted in hits.values() for h in counted]
        n = len(every)
        note = f"{n} 条投诉, {len(labels)} 个事项中的 {covered} 个"
        report(f"dispatch.suggest.{name}.top1", _share(every, 2), "%", note=note)
        report(f"dispatch.suggest.{name}.top3", _share(every, 1), "%")
        report(f"dispatch.suggest.{name}.per_event", round(elapsed / n * 1000, 3), "ms")
        for source, counted in hits.items():
            report(
                f"dispatch.suggest.{name}.{source.removesuffix('.csv')}",
                _share(counted, 2),
                "%",
                note=f"top-1; top-3 {_share(counted, 1)}%, {len(counted)} 条",
            )


def _share(hits: list[int], at_least: int) -> float:
    return round(100 * sum(h >= at_least for h in hits) / len(hits), 1)


def step_speed(args) -> None:
    """Time per suggestion for a county's list with a realistic history, the cost of a
    confirmation teaching the index, and the index's memory (times a province's
    counties in docs/performance.md)."""
    import random
    import statistics
    import tracemalloc

    from bench.dispatch_real import real_complaints
    from quanze.dispatch.suggestion.matcher import MatterIndex
    from quanze.dispatch.suggestion.vocabulary import for_matters
    from quanze.duties.scenarios.s002_data import matters

    catalogue = matters()
    labels = [(i, m["name"], f"{m['synonyms']} {m['field']}") for i, m in enumerate(catalogue)]
    names = {m["name"]: i for i, m in enumerate(catalogue)}
    _, complaints = labelled()
    texts = [text for _m, text, _s in complaints] + [r["text"] for r in real_complaints()]
    rng = random.Random(13)
    history = args.history  # a county's confirmed events kept for the index (20,000 at full size)
    examples = []
    by_matter: dict[int, list[str]] = {}
    for matter, text, _source in complaints:
        by_matter.setdefault(matter, []).append(text)
    for n in range(history):
        matter, text, _source = complaints[n % len(complaints)]
        # Another real complaint's words: this text's head joined to a text of the same
        # matter from a random point, so no two examples are alike and the words stay real.
        other = rng.choice(by_matter[matter])
        examples.append(
            (matter, text[: rng.randint(1, len(text))] + other[rng.randint(0, len(other) - 1) :])
        )
    tracemalloc.start()
    started = time.perf_counter()
    index = MatterIndex(labels, examples, [(i, w) for i, w, _s in for_matters(names)])
    built = time.perf_counter() - started
    size_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    times = []
    for _round in range(3):
        for text in texts:
            t0 = time.perf_counter()
            index.suggest(text)
            times.append(time.perf_counter() - t0)
    times.sort()
    p50 = statistics.median(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    learn = []
    for text in texts[:200]:
        t0 = time.perf_counter()
        index.learn(0, text)
        learn.append(time.perf_counter() - t0)
    note = f"243 个事项, {history} 件已确认事件, {len(times)} 次建议"
    report("dispatch.suggest.speed.p50", round(p50, 3), "ms", note=note)
    report("dispatch.suggest.speed.p99", round(p99, 3), "ms")
    report("dispatch.suggest.speed.learn_p50", round(statistics.median(learn) * 1e6, 1), "µs")
    report("dispatch.suggest.speed.build", round(built, 2), "s", note="整个县的索引从头建立")
    _unit_speed(index, catalogue, examples, texts)
    report("dispatch.suggest.speed.county_index_mb", round(size_mb, 1), "MB")


def _unit_speed(index, catalogue, examples, texts) -> None:
    """Time per event of the whole suggestion a clerk sees: five matters, then the units
    they name, with a memory of the county's routed events (one per confirmed event,
    labelled by the unit that acted: the township for the township-primary matters)."""
    import statistics

    from bench.dispatch_real import roles_for, unit_of
    from quanze.dispatch.suggestion.units import MATTERS, UnitMemory, rank_units
    from quanze.duties.scenarios.s002_data import TOWNSHIP_PRIMARY

    roles = roles_for(catalogue, TOWNSHIP_PRIMARY)
    memory = UnitMemory(
        (unit_of(catalogue[m], township_primary=TOWNSHIP_PRIMARY), text) for m, text in examples
    )
    times = []
    for _round in range(3):
        for text in texts:
            t0 = time.perf_counter()
            rank_units(index.suggest(text, k=MATTERS), roles, memory=memory, text=text)
            times.append(time.perf_counter() - t0)
    times.sort()
    note = f"5 个事项 + 承办单位排序(已办结事件 {len(memory)} 件), {len(times)} 次"
    report(
        "dispatch.suggest.speed.units_p50",
        round(statistics.median(times) * 1000, 3),
        "ms",
        note=note,
    )
    report(
        "dispatch.suggest.speed.units_p99", round(times[int(len(times) * 0.99) - 1] * 1000, 3), "ms"
    )
