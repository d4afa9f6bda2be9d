"""The data the result pages' charts draw (ECharts, vendored in core/static; no CDN): the
ranking of each side, and one unit's score per criterion."""

from quanze.evaluation.appraisal import rules
from quanze.evaluation.appraisal.selectors import UnitResult


def number(value) -> float | None:
    return None if value is None else float(rules.rounded(value))


def ranking(results: dict[str, list[UnitResult]]) -> dict:
    return {
        kind: {
            "names": [r.name for r in rows if r.total is not None],
            "totals": [number(r.total) for r in rows if r.total is not None],
        }
        for kind, rows in results.items()
    }


def breakdown(result: UnitResult) -> dict:
    return {
        "names": [row.criterion.name.split(":")[0] for row in result.criteria],
        "scores": [number(row.score) for row in result.criteria],
    }
