"""The words citizens use for the matters: a shipped vocabulary (`vocabulary.csv`) built
from the public three-level complaint taxonomy (its third-level categories that name one
matter, source 分类表) and from the colloquial words seen in real complaints (小摊 and
叫卖 for 占道经营, 噪音 for 噪声, 井盖 for 窨井盖 …, source 口语). A county adds its own
on the vocabulary page; confirmations and corrections teach the index directly."""

import csv
from functools import lru_cache
from pathlib import Path

FILE = Path(__file__).with_name("vocabulary.csv")


@lru_cache(maxsize=1)
def shipped() -> tuple[tuple[str, str, str], ...]:
    """(matter name, words separated by spaces, source) rows of the shipped vocabulary."""
    with FILE.open(encoding="utf-8") as handle:
        return tuple((r["matter"], r["term"], r["source"]) for r in csv.DictReader(handle))


def for_matters(names: dict[str, int]) -> list[tuple[int, str, str]]:
    """(matter id, words, source) for the shipped rows whose matter the county has,
    `names` mapping a matter name to its id."""
    return [(names[m], words, source) for m, words, source in shipped() if m in names]
