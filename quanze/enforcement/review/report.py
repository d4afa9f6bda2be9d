"""The results of a round as tables (for .xlsx and CSV export)."""

from quanze.enforcement.statistics.export import percent


def result_tables(review, results, files) -> list[tuple[str, list[str], list[list]]]:
    units = [
        [
            r["unit_name"],
            r["files"],
            r["scored"],
            round(r["average"], 1) if r["average"] is not None else "",
            r["passed"],
            r["vetoes"],
            percent(r["passed"] / r["files"] if r["files"] else None),
        ]
        for r in results
    ]
    rows = [
        [
            f.unit_name,
            f.case.number,
            f.case.power.name,
            f.score if f.score is not None else "",
            f.grade,
            "是" if f.vetoed else "否",
            "；".join(
                f"{x.item.text}{'(否决)' if x.item.kind == 'veto' else f'(扣{x.points}分)'}"
                for x in f.findings.all()
            ),
            f.notes,
        ]
        for f in files
    ]
    return [
        (
            "单位结果",
            ["被评查单位", "抽查件数", "已评分", "平均分", "合格", "触及否决项", "合格率"],
            units,
        ),
        (
            "案卷明细",
            ["被评查单位", "案件编号", "执法事项", "得分", "等次", "否决", "问题", "评查意见"],
            rows,
        ),
        ("抽样规则", ["评查", "抽样规则", "随机种子"], [[review.title, review.rule, review.seed]]),
    ]
