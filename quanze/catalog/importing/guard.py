"""What an import may not change silently (issue 14 item 2), a pass over the plan before it
is shown or written. Powers are shared: the county guiding catalog, a department's list
and a township's list may all show the same working copy, so an import into one catalog
would otherwise rewrite what the others show. Three rules:

- a poorer value never replaces a richer one: when the file's text says less than the
  power's (its characters, punctuation aside, all appear in order in the old text, e.g. a
  basis without its 【法律】 prefix or its (2019年修正)), the old text is kept and said;
- a power's department (the unit that owns it) is not changed by an import, and
- a power another catalog shows is not changed,

unless the county's establishment office confirms both (`update_shared`): then the
changes are written and the plan names each other catalog they reach.
"""

import re
from collections import defaultdict

from quanze.catalog.catalogs.models import CatalogEntry, CatalogVersion
from quanze.catalog.importing.headers import LABELS
from quanze.core.bulk import chunks
from quanze.org.roles import is_office

CHUNK = 900
# Labels of what the plan may change besides the columns of LABELS.
_MORE = {"extra": "其他列", "parent": "所属主项"}
_NOISE = re.compile(r"[\s,,。.;;::、()()《》<>〈〉【】\[\]“”\"'‘’·\-—]")


def _label(key: str) -> str:
    return LABELS.get(key) or _MORE.get(key, key)


def poorer(old, new) -> bool:
    """True when `new` says nothing that `old` does not, and says less."""
    if not isinstance(old, str) or not isinstance(new, str) or not old.strip():
        return False
    a, b = _NOISE.sub("", old), _NOISE.sub("", new)
    if len(b) >= len(a):
        return False
    rest = iter(a)
    return all(ch in rest for ch in b)  # b is a subsequence of a


def may_confirm_shared(by, catalog) -> bool:
    """The establishment office of the catalog owner's county (or a system job)."""
    if by is None:
        return True
    return is_office(by) and catalog.owner.code.startswith(by.county.code[:6])


def other_catalogs(catalog, power_ids) -> dict[int, list[str]]:
    """For each power, the other catalogs whose current versions (draft or published) show it."""
    shown = defaultdict(set)
    for some in chunks(list(power_ids), CHUNK):  # SQLite caps the parameters of one query
        rows = (
            CatalogEntry.objects.filter(power_id__in=some)
            .exclude(version__catalog=catalog)
            .exclude(version__status=CatalogVersion.Status.SUPERSEDED)
            .values_list("power_id", "version__catalog__name")
        )
        for pid, name in rows:
            shown[pid].add(name)
    return {pid: sorted(names) for pid, names in shown.items()}


def guard(*, catalog, targets, plan, update_shared: bool, shown=other_catalogs) -> None:
    """Drop from each target the changes the rules forbid, and say so in the plan."""
    changing = [t for t in targets if t.power_id is not None and t.changes]
    summary_of = {id(changes): item for item, changes in plan.updated}
    summaries = {id(t): summary_of[id(t.changes)] for t in changing}
    shown = shown(catalog, [t.power_id for t in changing]) if changing else {}
    for target in changing:
        label = f"{target.code} {target.record.values.get('name', '')}".strip()
        kept = []
        for key, old, new in target.changes:
            if poorer(old, new):
                plan.kept.append(
                    {"row": target.record.row, "item": label, "field": _label(key),
                     "old": old, "new": new}
                )  # fmt: skip
                kept.append(key)
        others = shown.get(target.power_id, [])
        moved = [c for c in target.changes if c[0] == "department" and c[1]]
        if not update_shared:
            if moved:
                kept.append("department")
                plan.protected.append(
                    {"row": target.record.row, "item": label, "catalogs": others,
                     "reason": f"实施部门由“{moved[0][1]}”改为“{moved[0][2]}”须由编办确认"}
                )  # fmt: skip
            if others:
                rest = [c for c in target.changes if c[0] not in kept]
                if rest:
                    kept += [c[0] for c in rest]
                    fields = "、".join(_label(k) for k, _, _ in rest)
                    plan.protected.append(
                        {"row": target.record.row, "item": label, "catalogs": others,
                         "reason": f"该事项也在{_quoted(others)}中,修改{fields}须由编办确认"}
                    )  # fmt: skip
        target.changes = [c for c in target.changes if c[0] not in kept]
        for key in kept:
            target.data.pop(key, None)
        if target.changes and others:
            for name in others:
                plan.other_catalogs.setdefault(name, 0)
                plan.other_catalogs[name] += 1
    plan.updated = [(summaries[id(t)], t.changes) for t in changing if t.changes]
    plan.unchanged = sum(1 for t in targets if t.power_id is not None and not t.changes)
    wanted = {t.data.get("department") for t in targets}
    plan.new_departments = [d for d in plan.new_departments if d in wanted]


def _quoted(names: list[str]) -> str:
    shown = "、".join(f"「{n}」" for n in names[:3])
    return shown + (f"等{len(names)}个目录" if len(names) > 3 else "")
