"""Resolving the names a file uses (power types, departments, fields) to rows."""

import unicodedata
from functools import lru_cache

from quanze.catalog.powers.models import Field, PowerType
from quanze.org.models import Division
from quanze.org.selectors import county_of, department_lookup

# Traditional forms of the characters in power-type names (some lists are published
# in traditional characters, e.g. 行政許可, 行政處罰).
_TRADITIONAL = str.maketrans(
    "許處罰強徵給檢確認獎勵決權務備類其",
    "许处罚强征给检确认奖励决权务备类其",
)


@lru_cache(maxsize=1024)
def type_key(text: str) -> str:
    """A type's name as looked up; remembered, as a list names its few types on every row."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(text.split()).translate(_TRADITIONAL)


def power_types() -> dict[str, PowerType]:
    """Every way a file may name a type: name, synonyms (split by 、), national code."""
    lookup: dict[str, PowerType] = {}
    for power_type in PowerType.objects.all():
        lookup.setdefault(type_key(power_type.name), power_type)
        for synonym in power_type.synonyms.replace(",", "、").split("、"):
            if synonym.strip():
                lookup.setdefault(type_key(synonym), power_type)
        lookup.setdefault(power_type.code, power_type)
        if power_type.code.isdigit():
            lookup.setdefault(str(int(power_type.code)), power_type)
    return lookup


def departments(owner: Division) -> dict[str, object]:
    """Departments of the owner's county by full and short name, whitespace-insensitive."""
    lookup = {}
    for name, dept in department_lookup(county_of(owner)).items():
        lookup.setdefault(name, dept)
        lookup.setdefault(dept_key(name), dept)
    return lookup


def dept_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def fields() -> dict[str, Field]:
    return {f.name: f for f in Field.objects.all()}
