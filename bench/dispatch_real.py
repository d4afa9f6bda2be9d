"""Real complaints (bench/data/real_complaints.csv, gathered as its README says): does the
first suggestion name the unit that actually handled the complaint, and, on the judged
sample, the right matter?

Every complaint is ranked among scenario 002's 243 matters; the unit a suggestion names
is the matter's primary unit in scenario 002 (the township for its township-primary
matters, else the department of the matter's field). Figures are given for the whole
set and for each split:

- dev: the first 118 complaints, on which the shipped colloquial vocabulary was built;
- tune: the next ones, whose misses were read to improve the vocabulary;
- test: gathered last and never read for tuning (held out).

Baselines: for the unit, always the three fields with most matters, and (stronger) always
the township first and then the two fields with most matters; for the matter, BM25
on the matters' names alone (no synonyms, no vocabulary).

The unit figures are those of quanze's unit ranking (quanze/dispatch/suggestion/units.py):
the suggested matters lend their scores to the units scenario 002's list names for them
(primary, cooperating, the township 属地), plus what confirmations taught (UnitMemory).
The confirmations are the training splits' complaints with the unit that handled them:
a test complaint is ranked with the memory of dev and tune, a dev complaint with that of
tune, a tune complaint with that of dev (never its own split). `matter_units` is the
earlier method, kept for comparison: the units of the first three matters.

`dispatch.real.unit.local_memory.*` (local_figures): the memory a deployed county has,
its own routed events, stood in for by the other complaints of the same source (city),
leave-one-out; alone, beside the cross-city memory, by split and by source size, and a
learning curve on the biggest sources.
"""

import csv
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bench.steps import report

DATA = Path(__file__).resolve().parent / "data"
SPLITS = ("dev", "tune", "test")
KINDS = ("township", "department", "other")
# The department that answers for a field's matters, by scenario 002's department keys.
FIELD_OF_KEY_OVERRIDE = {"yj": "应急管理"}


def real_complaints() -> list[dict]:
    """Every row, checked: a known split, a known unit kind, a judged matter (if any)
    that scenario 002 has."""
    from quanze.duties.scenarios.s002_data import matters

    names = {m["name"] for m in matters()}
    with (DATA / "real_complaints.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["split"] not in SPLITS or row["unit_kind"] not in KINDS:
            raise ValueError(f"real_complaints.csv: {row['id']} has a bad split or unit kind")
        if row["matter"] and row["matter"] not in names:
            raise ValueError(f"real_complaints.csv: {row['id']} judged 「{row['matter']}」")
    return rows


def unit_of(matter: dict, *, township_primary: frozenset) -> tuple[str, str]:
    """(kind, unit field) the list in scenario 002 makes primary for this matter."""
    if matter["name"] in township_primary:
        return ("township", "乡镇街道")
    return ("department", FIELD_OF_KEY_OVERRIDE.get(matter["dept"], matter["field"]))


def build_index(*, vocabulary: bool = True, synonyms: bool = True):
    from quanze.dispatch.suggestion.matcher import MatterIndex
    from quanze.dispatch.suggestion.vocabulary import for_matters
    from quanze.duties.scenarios.s002_data import matters

    catalogue = matters()
    labels = [
        (i, m["name"], f"{m['synonyms']} {m['field']}" if synonyms else "")
        for i, m in enumerate(catalogue)
    ]
    terms = []
    if vocabulary:
        names = {m["name"]: i for i, m in enumerate(catalogue)}
        terms = [(i, words) for i, words, _source in for_matters(names)]
    return catalogue, MatterIndex(labels, vocabulary=terms)


def score_units(rows, ranked_units) -> dict:
    """Top-1/top-3 hits of the unit kind and the unit (field) per row; `ranked_units`
    gives, for a row, the (kind, field) of the first three suggestions."""
    out = {"kind1": [], "kind3": [], "unit1": [], "unit3": [], "kinds": [], "splits": []}
    out["ids"] = [row["id"] for row in rows]
    for row in rows:
        units = ranked_units(row)
        kinds = [k for k, _ in units]
        truth = (row["unit_kind"], row["unit_field"])
        out["kinds"].append(row["unit_kind"])
        out["splits"].append(row["split"])
        out["kind1"].append(kinds[:1] == [row["unit_kind"]])
        out["kind3"].append(row["unit_kind"] in kinds)
        out["unit1"].append(units[:1] == [truth])
        out["unit3"].append(truth in units)
    return out


def _pct(flags) -> float:
    flags = list(flags)
    return round(100 * sum(flags) / len(flags), 1) if flags else 0.0


def _picked(scored: dict, key: str, value: str) -> tuple[float, float, int]:
    picked = [i for i, v in enumerate(scored[key]) if v == value]
    return (
        _pct(scored["unit1"][i] for i in picked),
        _pct(scored["unit3"][i] for i in picked),
        len(picked),
    )


def report_units(name: str, scored: dict, note: str = "") -> None:
    report(f"dispatch.real.{name}.unit_top1", _pct(scored["unit1"]), "%", note=note)
    report(f"dispatch.real.{name}.unit_top3", _pct(scored["unit3"]), "%")
    report(f"dispatch.real.{name}.kind_top1", _pct(scored["kind1"]), "%")
    report(f"dispatch.real.{name}.kind_top3", _pct(scored["kind3"]), "%")
    for key, values in (("kinds", ("township", "department")), ("splits", SPLITS)):
        for value in values:
            top1, top3, n = _picked(scored, key, value)
            report(
                f"dispatch.real.{name}.{value}.unit_top1", top1, "%", note=f"top-3 {top3}%, {n} 条"
            )


def roles_for(catalogue, township_primary: frozenset):
    """A matter's (unit, role) pairs on scenario 002's list, for units.rank_units."""
    from quanze.dispatch.suggestion.units import COOPERATING, PRIMARY, TERRITORIAL
    from quanze.duties.scenarios.s002_data import BLOCKS

    field_of_key = {}
    for field_name, key, _lines in BLOCKS:
        field_of_key.setdefault(key, field_name)
    field_of_key.update(FIELD_OF_KEY_OVERRIDE)
    town = ("township", "乡镇街道")

    def roles(matter_id):
        m = catalogue[matter_id]
        primary = unit_of(m, township_primary=township_primary)
        out = [(primary, PRIMARY)]
        if primary == town:
            out.append((unit_of(m, township_primary=frozenset()), COOPERATING))
        if m["co"]:
            out.append((("department", field_of_key[m["co"]]), COOPERATING))
        out.append((town, TERRITORIAL))
        return out

    return roles


TRAINED_BY = {"dev": ("tune",), "tune": ("dev",), "test": ("dev", "tune")}


def memories(rows) -> dict:
    """For each split, the UnitMemory its complaints are ranked with (TRAINED_BY)."""
    return {
        split: _memory(r for r in rows if r["split"] in sources)
        for split, sources in TRAINED_BY.items()
    }


def ranked_units_by(catalogue, index, township_primary, memory=None):
    """quanze's unit ranking: three distinct units per complaint."""
    from quanze.dispatch.suggestion.units import MATTERS, rank_units

    roles = roles_for(catalogue, township_primary)

    def ranked(row):
        return [
            u.unit
            for u in rank_units(
                index.suggest(row["text"], k=MATTERS),
                roles,
                memory=memory[row["split"]] if memory else None,
                text=row["text"],
            )
        ]

    return ranked


def units_by(catalogue, index, township_primary):
    def ranked(row):
        return [
            unit_of(catalogue[s.matter_id], township_primary=township_primary)
            for s in index.suggest(row["text"])
        ]

    return ranked


def step_real(args) -> None:
    """Unit top-1/top-3 on the real complaints, against a simple baseline and without
    each of the pieces that make the difference (vocabulary, township-primary matters,
    segmentation measured separately); matter top-1/top-3 on the judged sample."""
    from quanze.duties.scenarios.s002_data import TOWNSHIP_PRIMARY

    every = real_complaints()
    rows = [r for r in every if r["unit_kind"] in ("township", "department")]
    note = f"{len(rows)} 条真实投诉(另 {len(every) - len(rows)} 条由公司等清单外单位办理,不计)"
    catalogue, index = build_index()
    _, bare = build_index(vocabulary=False)

    # Baseline: the fields with most matters on the list, always, in that order.
    counts = Counter(unit_of(m, township_primary=frozenset()) for m in catalogue)
    common = [u for u, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]]
    report_units(
        "baseline", score_units(rows, lambda row: common), note="总是列出事项最多的三个部门"
    )
    # A stronger simple baseline: the township first (属地), then the two commonest fields.
    town_first = [("township", "乡镇街道"), *common[:2]]
    report_units(
        "baseline_township",
        score_units(rows, lambda row: town_first),
        note="总是先列乡镇(街道),再列事项最多的两个部门",
    )
    report_units(
        "matter_units",
        score_units(rows, units_by(catalogue, index, TOWNSHIP_PRIMARY)),
        note="前三个事项各自的主办单位(上一轮的做法)",
    )
    memory = memories(rows)
    report_units(
        "without_memory",
        score_units(rows, ranked_units_by(catalogue, index, TOWNSHIP_PRIMARY)),
        note="单位排序,不用已办结事件",
    )
    report_units(
        "without_township_primary",
        score_units(rows, ranked_units_by(catalogue, index, frozenset(), memory)),
    )
    report_units(
        "without_vocabulary",
        score_units(rows, ranked_units_by(catalogue, bare, TOWNSHIP_PRIMARY, memory)),
    )
    report_units(
        "quanze",
        score_units(rows, ranked_units_by(catalogue, index, TOWNSHIP_PRIMARY, memory)),
        note,
    )
    confident = _confident_share(index, rows, catalogue, TOWNSHIP_PRIMARY)
    report("dispatch.real.quanze.confident_share", confident[0], "%", note=confident[1])
    local_figures(rows, catalogue, index, TOWNSHIP_PRIMARY, memory)
    matter_figures(every, catalogue, index)
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


def matter_figures(every, catalogue, index) -> None:
    """Matter top-1/top-3 on the complaints whose matter a person judged (the `matter`
    column), against names alone and against no vocabulary."""
    judged = [r for r in every if r["matter"]]
    _, names_only = build_index(vocabulary=False, synonyms=False)
    _, bare = build_index(vocabulary=False)
    position = {m["name"]: i for i, m in enumerate(catalogue)}
    for name, idx in (("names_only", names_only), ("without_vocabulary", bare), ("quanze", index)):
        hits = [(r, [s.matter_id for s in idx.suggest(r["text"])]) for r in judged]
        top1 = [got[:1] == [position[r["matter"]]] for r, got in hits]
        top3 = [position[r["matter"]] in got for r, got in hits]
        report(
            f"dispatch.real.matter.{name}.top1",
            _pct(top1),
            "%",
            note=f"{len(judged)} 条经人工判定事项的真实投诉",
        )
        report(f"dispatch.real.matter.{name}.top3", _pct(top3), "%")
        for split in SPLITS:
            picked = [i for i, (r, _) in enumerate(hits) if r["split"] == split]
            if not picked:
                continue
            report(
                f"dispatch.real.matter.{name}.{split}.top1",
                _pct(top1[i] for i in picked),
                "%",
                note=f"top-3 {_pct(top3[i] for i in picked)}%, {len(picked)} 条",
            )


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
            rows, ranked_units_by(catalogue, index, township_primary, memories(rows))
        )
    finally:
        matcher.tokens = plain
    report_units("segmented", scored, note="jieba 分词后只取词内二元组")


# --- A city's own memory (issue 13) -------------------------------------------------
#
# quanze learns from the county's own routed events (selectors._unit_memory), while the
# figures above rank a complaint with a memory that mixes some fifty cities. Here the
# memory is the complaint's own source's other complaints, standing in for the earlier
# confirmed events of the city whose hotline or mailbox received it.
#
# A source is the host of `source_url` without `www.`; hosts that are one city's sites
# are one source (SAME_CITY). Some hosts hold several cities and are kept as one source
# all the same, so their memory mixes cities: csflxx.com (Suzhou's 寒山闻钟 and Changsha
# / Xiangtan mailboxes), ly.scol.com.cn (问政四川: cities all over Sichuan), it214.net
# (mirrors of several cities' boards), mala.cn (a Sichuan forum).
SAME_CITY = {
    "lyd.com.cn": "洛阳",  # people., lywb., lyrb., news.: 洛阳网 百姓呼声, 洛阳晚报/日报
    "sun0769.com": "东莞",  # wz., wzzdg.: 阳光热线问政
    "yueyang.gov.cn": "岳阳",  # the city's mailbox and its bureaus' (hbj., cgj., jtj., swj.)
    "yylq.gov.cn": "岳阳",  # 岳阳楼区, a district of the city
    "zynews.cn": "郑州",  # xtq. (心通桥) and news. (郑州 pages)
    "mala.cn": "mala.cn",  # mala.cn and bbs.mala.cn: one forum
}
LOCAL_MIN = 10  # a source with fewer other complaints gives next to no memory
CURVE_SIZES = (0, 5, 10, 20, 40)  # memory sizes of the learning curve
CURVE_SEEDS = 5  # random draws of k other complaints, averaged
# Weights of the own memory tried on dev and tune (their own memory from dev and tune
# only); none beat MEMORY_WEIGHT (0.8) first there, so the own memory keeps it.
LOCAL_WEIGHTS = (0.4, 0.8, 1.2, 1.6, 2.4)


def source_of(row: dict) -> str:
    """The source (a city, where a host is known to be one) a complaint came from."""
    host = (urlsplit(row["source_url"]).hostname or "").removeprefix("www.")
    for suffix, city in SAME_CITY.items():
        if host == suffix or host.endswith("." + suffix):
            return city
    return host


class Votes:
    """Memories voting side by side in rank_units (which takes one memory): each
    memory's normalised vote, scaled (`scale` × MEMORY_WEIGHT is its weight), summed."""

    def __init__(self, *parts):
        self.parts = [(memory, scale) for memory, scale in parts if len(memory)]

    def __len__(self) -> int:
        return sum(len(memory) for memory, _ in self.parts)

    def votes(self, text: str) -> dict:
        out: dict = {}
        for memory, scale in self.parts:
            for unit, (vote, n) in memory.votes(text).items():
                before, count = out.get(unit, (0.0, 0))
                out[unit] = (before + scale * vote, count + n)
        return out


def own_examples(row, by_source, *, splits=SPLITS) -> list[dict]:
    """The other complaints of the row's source (never the row itself), in id order."""
    return [
        other
        for other in by_source[source_of(row)]
        if other["id"] != row["id"] and other["split"] in splits
    ]


def _memory(examples):
    from quanze.dispatch.suggestion.units import UnitMemory

    return UnitMemory(((r["unit_kind"], r["unit_field"]), r["text"]) for r in examples)


def local_figures(rows, catalogue, index, township_primary, cross) -> None:
    """Unit top-1/top-3 with the source's own memory (leave-one-out), alone and beside
    the cross-city memory, by split and by the source's size; the weight sweep on dev
    and tune; the learning curve on the biggest sources."""
    from quanze.dispatch.suggestion.units import MATTERS, MEMORY_WEIGHT, rank_units

    roles = roles_for(catalogue, township_primary)
    suggested = {r["id"]: index.suggest(r["text"], k=MATTERS) for r in rows}
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(source_of(row), []).append(row)

    def scored(memory_of, subset=rows) -> dict:
        def ranked(row):
            memory = memory_of(row)
            return [
                u.unit
                for u in rank_units(suggested[row["id"]], roles, memory=memory, text=row["text"])
            ]

        return score_units(subset, ranked)

    def own(row, splits=SPLITS, weight=MEMORY_WEIGHT):
        return Votes((_memory(own_examples(row, by_source, splits=splits)), weight / MEMORY_WEIGHT))

    big = {r["id"]: len(own_examples(r, by_source)) >= LOCAL_MIN for r in rows}
    foreign_memories: dict[tuple[str, str], object] = {}

    def foreign(row):
        """The cross-city memory without the complaint's own source."""
        key = (row["split"], source_of(row))
        if key not in foreign_memories:
            foreign_memories[key] = _memory(
                r for r in rows if r["split"] in TRAINED_BY[key[0]] and source_of(r) != key[1]
            )
        return foreign_memories[key]

    variants = {
        "none": lambda row: None,
        "cross": lambda row: cross[row["split"]],
        "foreign": foreign,
        "local": own,
        "local_train": lambda row: own(row, ("dev", "tune")),
        "local_and_cross": lambda row: Votes(
            (_memory(own_examples(row, by_source)), 1.0), (cross[row["split"]], 1.0)
        ),
    }
    notes = {
        "none": "不用已办结事件",
        "cross": "各城市混合的 dev+tune 记忆(现行做法)",
        "foreign": "同上,但去掉同一来源的投诉(只有别的城市)",
        "local": f"只用同一来源(城市)的其他投诉,留一法;来源≥{LOCAL_MIN}条的为 source10",
        "local_train": "只用同一来源的 dev+tune 投诉,留一法",
        "local_and_cross": "同一来源(留一法)与各城市混合的记忆各投一票",
    }
    results = {name: scored(memory_of) for name, memory_of in variants.items()}
    for name, got in results.items():
        if name not in ("none", "cross"):
            # Paired against the cross-city memory, on the held-out split.
            for key, words in (("unit1", "第一名"), ("unit3", "前三")):
                gained, lost = _paired(got, results["cross"], key, "test")
                notes[name] += f";test 与 cross 相比{words}多对 {gained} 条、少对 {lost} 条"
        report_local(name, got, big, notes[name])
    source_figures(rows, by_source, results)

    # The own memory's weight, on dev and tune only (their own memory from dev and tune
    # only), alone and beside the cross-city memory (weight MEMORY_WEIGHT).
    train = [r for r in rows if r["split"] != "test"]
    for weight in LOCAL_WEIGHTS:
        alone = scored(lambda row, w=weight: own(row, ("dev", "tune"), w), train)
        both = scored(
            lambda row, w=weight: Votes(
                (_memory(own_examples(row, by_source, splits=("dev", "tune"))), w / MEMORY_WEIGHT),
                (cross[row["split"]], 1.0),
            ),
            train,
        )
        report(
            f"dispatch.real.unit.local_memory.weight_{round(weight * 10):02d}.train.unit_top1",
            _pct(alone["unit1"]),
            "%",
            note=(
                f"dev+tune {len(train)} 条, top-3 {_pct(alone['unit3'])}%;"
                f"加各城市混合记忆 {_pct(both['unit1'])}% / {_pct(both['unit3'])}%"
            ),
        )

    curve_figures(rows, by_source, scored, cross)


def _paired(mine: dict, theirs: dict, key: str, split: str) -> tuple[int, int]:
    """Rows of `split` right in `mine` and not in `theirs`, and the reverse."""
    pairs = [
        (a, b) for a, b, s in zip(mine[key], theirs[key], mine["splits"], strict=True) if s == split
    ]
    return sum(1 for a, b in pairs if a and not b), sum(1 for a, b in pairs if b and not a)


def source_figures(rows, by_source, results) -> None:
    """Per source with at least LOCAL_MIN others: first place without memory, with the
    cross-city memory, with its own, and with both."""
    for name, members in sorted(by_source.items(), key=lambda item: -len(item[1])):
        if len(members) - 1 < LOCAL_MIN:
            continue
        ids = {r["id"] for r in members}
        cells = []
        for variant in ("none", "foreign", "cross", "local", "local_and_cross"):
            got = results[variant]
            picked = [i for i, row_id in enumerate(got["ids"]) if row_id in ids]
            cells.append(
                f"{variant} {_pct(got['unit1'][i] for i in picked)}"
                f"/{_pct(got['unit3'][i] for i in picked)}"
            )
        got = results["local"]
        picked = [i for i, row_id in enumerate(got["ids"]) if row_id in ids]
        splits = Counter(got["splits"][i] for i in picked)
        report(
            f"dispatch.real.unit.local_memory.source.{name.replace('.', '_')}.unit_top1",
            _pct(got["unit1"][i] for i in picked),
            "%",
            note=f"{len(members)} 条 ({', '.join(f'{s} {splits[s]}' for s in SPLITS if splits[s])}); "
            + ", ".join(cells),
        )


def report_local(name: str, got: dict, big: dict, note: str) -> None:
    """Top-1/top-3 on all, per split, and per split for sources with at least LOCAL_MIN
    other complaints (source10) and the rest (small)."""
    prefix = f"dispatch.real.unit.local_memory.{name}"
    flags = [big[i] for i in got["ids"]]
    for split in ("all", *SPLITS):
        for part, keep in (("", None), (".source10", True), (".small", False)):
            picked = [
                i
                for i, s in enumerate(got["splits"])
                if split in ("all", s) and (keep is None or flags[i] == keep)
            ]
            top1 = _pct(got["unit1"][i] for i in picked)
            top3 = _pct(got["unit3"][i] for i in picked)
            report(
                f"{prefix}.{split}{part}.unit_top1",
                top1,
                "%",
                note=f"top-3 {top3}%, kind top-1 {_pct(got['kind1'][i] for i in picked)}%,"
                f" {len(picked)} 条" + (f";{note}" if split == "all" and not part else ""),
            )


def curve_figures(rows, by_source, scored, cross) -> None:
    """The learning curve: on the sources with at least the largest CURVE_SIZES others,
    each complaint ranked with k other complaints of its source: the first k in id
    (gathering) order, and k drawn at random (CURVE_SEEDS draws, averaged)."""
    import random

    most = CURVE_SIZES[-1]
    big = [r for r in rows if len(own_examples(r, by_source)) >= most]
    names = sorted({source_of(r) for r in big})
    mixed = scored(lambda row: cross[row["split"]], big)
    report(
        "dispatch.real.unit.local_memory.curve.cross.unit_top1",
        _pct(mixed["unit1"]),
        "%",
        note=f"同 {len(big)} 条,各城市混合的 dev+tune 记忆: top-3 {_pct(mixed['unit3'])}%",
    )
    own = scored(lambda row: _memory(own_examples(row, by_source)), big)
    report(
        "dispatch.real.unit.local_memory.curve.all.unit_top1",
        _pct(own["unit1"]),
        "%",
        note=f"同 {len(big)} 条,同一来源的全部其他投诉: top-3 {_pct(own['unit3'])}%",
    )
    for k in CURVE_SIZES:
        first = scored(lambda row, k=k: _memory(own_examples(row, by_source)[:k]), big)
        drawn = []
        for seed in range(CURVE_SEEDS if k else 1):  # no memory: no draw
            rng = random.Random(f"{seed}-{k}")
            drawn.append(
                scored(
                    lambda row, rng=rng, k=k: _memory(rng.sample(own_examples(row, by_source), k)),
                    big,
                )
            )
        mean1 = round(sum(_pct(d["unit1"]) for d in drawn) / len(drawn), 1)
        mean3 = round(sum(_pct(d["unit3"]) for d in drawn) / len(drawn), 1)
        report(
            f"dispatch.real.unit.local_memory.curve.k{k}.unit_top1",
            _pct(first["unit1"]),
            "%",
            note=(
                f"前 {k} 条: top-3 {_pct(first['unit3'])}%;随机 {k} 条 ({CURVE_SEEDS} 次平均)"
                f" {mean1}% / {mean3}%;{len(big)} 条,来源 {', '.join(names)}"
            ),
        )
