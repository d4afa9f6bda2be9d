"""Which unit should act: the matter suggestions turned into a ranking of distinct units.

A complaint is sent to a unit, not to a matter, and the same matter is handled by the
township in one place and by a department in another (stalls: the township's squad in
one county, 城管 in the next). Ranking the units of the first three matters repeats one
department three times and never offers the township; this module ranks the units
themselves, pure Python, from what the county's list says and what confirmations taught:

- every suggested matter lends its (normalised) score to the unit the list makes
  primary (the township where the township leads in its own area, 属地自办), a share
  to the units the list makes cooperate (CO_SHARE) and a share to the township where
  the event happened (TOWNSHIP_SHARE: it finds, stops and reports on every matter,
  属地管理), so the township is always among the candidates a clerk sees; that share
  is larger where the place is rural (a village, a town or township: `rural`), where
  the township's own squad acts on most complaints, and small in a town's streets,
  where the county's departments mostly do;
- `UnitMemory` learns from confirmed events which unit actually acted for a text
  (BM25 over the confirmed texts, one document each, labelled by the acting unit;
  a unit scores by its best few similar examples) and adds that vote
  (MEMORY_WEIGHT): a county whose townships handle stalls themselves teaches it so
  after a few confirmations, one whose 城管 does teaches that.

Units are opaque keys chosen by the caller ("township" for the event's township and a
department's id in quanze; (kind, field) in bench/dispatch_real.py). Every candidate
carries its reasons, in Chinese, for the clerk.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from quanze.dispatch.suggestion.matcher import BM25, EXAMPLE_COMMON, Suggestion, tokens

PRIMARY, COOPERATING, TERRITORIAL = "primary", "co", "township"
# Set on the dev and tune splits of bench/data/real_complaints.csv only (each split's
# memory learned from the other one); the test split was not looked at.
CO_SHARE, MEMORY_WEIGHT = 0.3, 0.8
TOWNSHIP_SHARE = {True: 0.8, False: 0.15}  # by `rural`
MATTERS = 5  # how many matter suggestions lend their score to units
MEMORY_EXAMPLES = 3  # a unit's memory score: the sum of its best few similar examples
ROLE_NAMES = {PRIMARY: "主办", COOPERATING: "配合", TERRITORIAL: "属地"}
_RURAL = re.compile("[村镇乡]")


def rural_text(text: str) -> bool:
    """Whether a complaint names a rural place (a village, a town, a township): the
    bench's stand-in for the event's resolved place (quanze knows the village)."""
    return bool(_RURAL.search(text or ""))


@dataclass(frozen=True)
class UnitSuggestion:
    unit: Hashable
    score: float
    reasons: tuple = field(default=(), compare=False)


class UnitMemory:
    """Confirmed events, each a document labelled by the unit that acted on it. Grows in
    place (`learn`) like the matter index: nothing is rebuilt on a confirmation. A word
    in more than EXAMPLE_COMMON of the events is not scored (as for the matter index's
    examples: it tells little and its postings are the longest)."""

    def __init__(self, examples: Iterable[tuple[Hashable, str]] = ()):
        self.index = BM25()
        self.units: list[Hashable] = []
        for unit, text in examples:
            self.learn(unit, text)

    def __len__(self) -> int:
        return len(self.units)

    def learn(self, unit: Hashable, text: str) -> None:
        doc = tokens(text)
        if doc:
            self.index.add(doc)
            self.units.append(unit)

    def votes(self, text: str) -> dict[Hashable, tuple[float, int]]:
        """unit -> (score normalised to the best unit's, number of similar examples)."""
        per_unit: dict[Hashable, list[float]] = defaultdict(list)
        for index, score in self.index.scores(
            tokens(text, query=True), common=EXAMPLE_COMMON
        ).items():
            per_unit[self.units[index]].append(score)
        if not per_unit:
            return {}
        summed = {u: sum(sorted(s, reverse=True)[:MEMORY_EXAMPLES]) for u, s in per_unit.items()}
        top = max(summed.values()) or 1.0
        return {u: (score / top, len(per_unit[u])) for u, score in summed.items()}


def rank_units(
    suggestions: list[Suggestion],
    roles_of: Callable[[int], Iterable[tuple[Hashable, str]]],
    *,
    names: dict | None = None,
    memory: UnitMemory | None = None,
    text: str = "",
    rural: bool | None = None,
    k: int = 3,
) -> list[UnitSuggestion]:
    """The `k` units most likely to be the one that should act, best first.

    `suggestions` are a matter index's, best first (take MATTERS of them); `roles_of`
    gives, for a matter id, its (unit, role) pairs on the county's list: PRIMARY,
    COOPERATING or TERRITORIAL; `names` maps a matter id to its name for the reasons;
    `rural` says whether the place is rural (None: judged from the text)."""
    names = names or {}
    scores: dict[Hashable, float] = defaultdict(float)
    why: dict[Hashable, list[tuple[float, str]]] = defaultdict(list)
    top = max((s.score for s in suggestions[:MATTERS]), default=0.0) or 1.0
    if rural is None:
        rural = rural_text(text)
    share = {PRIMARY: 1.0, COOPERATING: CO_SHARE, TERRITORIAL: TOWNSHIP_SHARE[bool(rural)]}
    for suggestion in suggestions[:MATTERS]:
        weight = suggestion.score / top
        if weight <= 0:
            continue
        name = names.get(suggestion.matter_id, "")
        seen = set()
        for unit, role in roles_of(suggestion.matter_id):
            if unit in seen:
                continue
            seen.add(unit)
            part = weight * share[role]
            scores[unit] += part
            why[unit].append(
                (part, f"事项「{name}」{ROLE_NAMES[role]}" if name else ROLE_NAMES[role])
            )
    if memory is not None and len(memory) and text:
        for unit, (vote, n) in memory.votes(text).items():
            if unit in scores or vote > 0:
                scores[unit] += MEMORY_WEIGHT * vote
                why[unit].append((MEMORY_WEIGHT * vote, f"与{n}件已办结事件的承办单位相同"))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], str(item[0])))[:k]
    return [
        UnitSuggestion(
            unit,
            round(score, 4),
            tuple(reason for _part, reason in sorted(why[unit], reverse=True)[:3]),
        )
        for unit, score in ranked
    ]
