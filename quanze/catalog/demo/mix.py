"""Type mixes and set shares taken from published list totals.

The figures come from `catalog_summary_counts_from_notices.csv` (next to this module), a copy of
/work/shared/data/catalog_summary_counts_from_notices.csv (142 totals quoted from
government notices, each with the sentence it comes from). It is read at
generation time, so a corrected file changes the generated data.
"""

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).parent / "catalog_summary_counts_from_notices.csv"
# Local names in the notices for the national types (其他职权 is 其他行政权力; 行政调解
# is not a national type, and lists that keep it count it among the others).
TYPE_SYNONYMS = {"其他职权": "其他行政权力", "行政调解": "其他行政权力"}
# Chongqing's guiding list: 通用 (every township takes it) vs 自选 (chosen) items.
BASIC_CATEGORY, OPTIONAL_CATEGORY = "通用赋权事项", "自选赋权事项"


def _rows() -> list[dict]:
    with SOURCE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def type_shares() -> dict[str, float]:
    """Mean share of each power type over every list whose notice gives a per-type count.

    Each list weighs the same, so the 3,064-item Weibin list does not drown the
    township lists of a few hundred items. Uses the rows with dimension=power_type.
    """
    lists: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in _rows():
        if row["dimension"] == "power_type":
            name = TYPE_SYNONYMS.get(row["category"], row["category"])
            lists[(row["document"], row["list_kind"])][name] += int(row["count"])
    shares: dict[str, float] = defaultdict(float)
    for counts in lists.values():
        total = sum(counts.values())
        for name, count in counts.items():
            shares[name] += count / total / len(lists)
    return dict(sorted(shares.items(), key=lambda kv: -kv[1]))


@cache
def basic_share() -> float:
    """The basic set's share of a guiding catalog (rows category=通用/自选赋权事项)."""
    counts = {
        row["category"]: int(row["count"])
        for row in _rows()
        if row["category"] in (BASIC_CATEGORY, OPTIONAL_CATEGORY)
    }
    basic, optional = counts[BASIC_CATEGORY], counts[OPTIONAL_CATEGORY]
    return basic / (basic + optional)


def apportion(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split `total` by `shares` with the largest-remainder method (sums exactly to total)."""
    exact = {name: total * share / sum(shares.values()) for name, share in shares.items()}
    counts = {name: int(value) for name, value in exact.items()}
    left = total - sum(counts.values())
    for name in sorted(exact, key=lambda n: exact[n] - counts[n], reverse=True)[:left]:
        counts[name] += 1
    return counts
