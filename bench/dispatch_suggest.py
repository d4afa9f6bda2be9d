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


# ---------------------------------------------------------------------------------------
# Real complaints (bench/data/real_complaints.csv): does the first suggestion name the
# unit that actually handled the complaint?

# The department that answers for a field's matters, by scenario 002's department keys.
FIELD_OF_KEY_OVERRIDE = {"yj": "应急管理"}


def real_complaints() -> list[dict]:
    with (DATA / "real_complaints.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def unit_of(matter: dict, *, township_primary: frozenset) -> tuple[str, str]:
    """(kind, unit field) the list in scenario 002 makes primary for this matter."""
    if matter["name"] in township_primary:
        return ("township", "乡镇街道")
    return ("department", FIELD_OF_KEY_OVERRIDE.get(matter["dept"], matter["field"]))


def build_index(*, vocabulary: bool = True):
    from quanze.dispatch.suggestion.matcher import MatterIndex
    from quanze.dispatch.suggestion.vocabulary import for_matters
    from quanze.duties.scenarios.s002_data import matters

    catalogue = matters()
    labels = [(i, m["name"], f"{m['synonyms']} {m['field']}") for i, m in enumerate(catalogue)]
    terms = []
    if vocabulary:
        names = {m["name"]: i for i, m in enumerate(catalogue)}
        terms = [(i, words) for i, words, _source in for_matters(names)]
    return catalogue, MatterIndex(labels, vocabulary=terms)


def score_units(rows, ranked_units) -> dict:
    """Top-1/top-3 hits of the unit kind and the unit (field) per row; `ranked_units`
    gives, for a row, the (kind, field) of the first three suggestions."""
    out = {"kind1": [], "kind3": [], "unit1": [], "unit3": [], "kinds": []}
    for row in rows:
        units = ranked_units(row)
        kinds = [k for k, _ in units]
        out["kinds"].append(row["unit_kind"])
        out["kind1"].append(kinds[:1] == [row["unit_kind"]])
        out["kind3"].append(row["unit_kind"] in kinds)
        out["unit1"].append(units[:1] == [(row["unit_kind"], row["unit_field"])])
        out["unit3"].append((row["unit_kind"], row["unit_field"]) in units)
    return out


def _pct(flags) -> float:
    flags = list(flags)
    return round(100 * sum(flags) / len(flags), 1) if flags else 0.0


def report_units(name: str, scored: dict, note: str = "") -> None:
    report(f"dispatch.real.{name}.unit_top1", _pct(scored["unit1"]), "%", note=note)
    report(f"dispatch.real.{name}.unit_top3", _pct(scored["unit3"]), "%")
    report(f"dispatch.real.{name}.kind_top1", _pct(scored["kind1"]), "%")
    report(f"dispatch.real.{name}.kind_top3", _pct(scored["kind3"]), "%")
    for kind in ("township", "department"):
        picked = [i for i, k in enumerate(scored["kinds"]) if k == kind]
        report(
            f"dispatch.real.{name}.{kind}.unit_top1",
            _pct(scored["unit1"][i] for i in picked),
            "%",
            note=f"top-3 {_pct(scored['unit3'][i] for i in picked)}%, {len(picked)} 条",
        )


def step_real(args) -> None:
    """Unit top-1/top-3 on the real complaints, against a simple baseline and without
    each of the pieces that make the difference (vocabulary, township-primary matters,
    segmentation measured separately)."""
    from collections import Counter

    from quanze.duties.scenarios.s002_data import TOWNSHIP_PRIMARY

    rows = [r for r in real_complaints() if r["unit_kind"] in ("township", "department")]
    others = sum(1 for r in real_complaints() if r["unit_kind"] not in ("township", "department"))
    note = f"{len(rows)} 条真实投诉(另 {others} 条由公司等清单外单位办理,不计)"
    catalogue, index = build_index()
    _, bare = build_index(vocabulary=False)

    def units_by(idx, township_primary):
        def ranked(row):
            return [
                unit_of(catalogue[s.matter_id], township_primary=township_primary)
                for s in idx.suggest(row["text"])
            ]

        return ranked

    # Baseline: the fields with most matters on the list, always, in that order.
    counts = Counter(unit_of(m, township_primary=frozenset()) for m in catalogue)
    common = [u for u, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]]
    report_units(
        "baseline", score_units(rows, lambda row: common), note="总是列出事项最多的三个部门"
    )
    report_units("without_township_primary", score_units(rows, units_by(index, frozenset())))
    report_units("without_vocabulary", score_units(rows, units_by(bare, TOWNSHIP_PRIMARY)))
    scored = score_units(rows, units_by(index, TOWNSHIP_PRIMARY))
    report_units("quanze", scored, note=note)
    confident_rows = _confident_share(index, rows, catalogue, TOWNSHIP_PRIMARY)
    report("dispatch.real.quanze.confident_share", confident_rows[0], "%", note=confident_rows[1])
    segmentation_figures(rows, catalogue, TOWNSHIP_PRIMARY)


def _confident_share(index, rows, catalogue, township_primary) -> tuple[float, str]:
    from quanze.dispatch.suggestion.matcher import confident

    sure, right = 0, 0
    for row in rows:
        got = index.suggest(row["text"])
        if confident(got):
            sure += 1
            unit = unit_of(catalogue[got[0].matter_id], township_primary=township_primary)
            right += unit == (row["unit_kind"], row["unit_field"])
    share = round(100 * sure / len(rows), 1)
    return share, f"其中单位正确 {round(100 * right / sure, 1) if sure else 0}%;其余由经办人选择"


def segmentation_figures(rows, catalogue, township_primary) -> None:
    """Does word segmentation help? Bigrams only inside the words jieba cuts (so that
    「…人服务」 gives no 人服) against bigrams across the whole run. Measured only when
    jieba is installed (it is not a dependency: see docs/dispatch.md)."""
    try:
        import jieba
    except ImportError:
        report("dispatch.real.segmented.unit_top1", 0, "%", note="jieba 未安装,未测")
        return
    from quanze.dispatch.suggestion import matcher

    jieba.setLogLevel(60)
    plain = matcher.tokens

    def segmented(text, *, query=False):
        out = []
        for word in jieba.lcut(matcher.normalize(text)):
            out += plain(word, query=query)
        return out

    matcher.tokens = segmented
    try:
        _, index = build_index()
        scored = score_units(
            rows,
            lambda row: [
                unit_of(catalogue[s.matter_id], township_primary=township_primary)
                for s in index.suggest(row["text"])
            ],
        )
    finally:
        matcher.tokens = plain
    report_units("segmented", scored, note="jieba 分词后只取词内二元组")


def step_speed(args) -> None:
    """Time per suggestion for a county's list with a realistic history, the cost of a
    confirmation teaching the index, and the index's memory (times a province's
    counties in docs/performance.md)."""
    import random
    import statistics
    import tracemalloc

    from quanze.dispatch.suggestion.matcher import MatterIndex
    from quanze.dispatch.suggestion.vocabulary import for_matters
    from quanze.duties.scenarios.s002_data import matters

    catalogue = matters()
    labels = [(i, m["name"], f"{m['synonyms']} {m['field']}") for i, m in enumerate(catalogue)]
    names = {m["name"]: i for i, m in enumerate(catalogue)}
    _, complaints = labelled()
    texts = [text for _m, text, _s in complaints] + [r["text"] for r in real_complaints()]
    rng = random.Random(13)
    history = 20_000  # a county's confirmed events kept for the index (200 per matter at most)
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
    report("dispatch.suggest.speed.county_index_mb", round(size_mb, 1), "MB")
