"""Parsing the legal basis text of a power into citations.

A basis cell reads like
    【法律】《中华人民共和国农村土地承包法》(2018年修正)
    第二十八条 承包期内,发包方不得调整承包地……
or 《城市道路管理条例》第四十二条 …, or 【第27条】【第1款】【第4项】.
Each 《act》 starts a citation; the rank tag before it, the revision year in the
brackets after it and the first article/clause/item reference after it belong
to it, as does the text up to the next act.
"""

import re
from dataclasses import dataclass

RANKS = (
    "法律",
    "行政法规",
    "地方性法规",
    "自治条例",
    "单行条例",
    "部门规章",
    "地方政府规章",
    "政府规章",
    "规章",
    "规范性文件",
    "司法解释",
    "党内法规",
    "国务院决定",
)
_NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
_ACT = re.compile(r"《([^《》]{1,200})》")
_RANK = re.compile(r"【(" + "|".join(RANKS) + r")】\s*$")
_YEAR = re.compile(
    r"^\s*[(（]\s*(\d{4})\s*年?\s*(?:修正|修订|修改|版|发布|施行|颁布)?[^)）]{0,40}[)）]"
)
_ARTICLE = re.compile(r"第(" + _NUM + r")条")
_BRACKET_ARTICLE = re.compile(
    r"【第(" + _NUM + r")条】(?:【第(" + _NUM + r")款】)?(?:【第(" + _NUM + r")项】)?"
)
_CLAUSE = re.compile(r"^\s*第(" + _NUM + r")款")
_ITEM = re.compile(r"^\s*(?:第[(（]?(" + _NUM + r")[)）]?项|[(（](" + _NUM + r")[)）])")

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class ParsedCitation:
    rank: str
    act_title: str
    revision_year: int | None
    article: str
    clause: str
    item: str
    text: str


def chinese_number(text: str) -> int:
    """'二十八' -> 28, '一百零五' -> 105, '27' -> 27."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current


def _number(text: str | None) -> str:
    if not text:
        return ""
    try:
        return str(chinese_number(text))
    except ValueError:
        return ""


def parse_citations(basis: str) -> list[ParsedCitation]:
    basis = basis or ""
    acts = list(_ACT.finditer(basis))
    citations = []
    for index, match in enumerate(acts):
        start, end = match.span()
        following = basis[end : acts[index + 1].start() if index + 1 < len(acts) else len(basis)]
        rank_match = _RANK.search(basis[max(0, start - 12) : start])
        year_match = _YEAR.match(following)
        after_year = following[year_match.end() :] if year_match else following
        article = clause = item = ""
        bracket = _BRACKET_ARTICLE.search(after_year)
        plain = _ARTICLE.search(after_year)
        if bracket and (not plain or bracket.start() <= plain.start()):
            article, clause, item = (_number(g) for g in bracket.groups())
        elif plain:
            article = _number(plain.group(1))
            rest = after_year[plain.end() :]
            clause_match = _CLAUSE.match(rest)
            if clause_match:
                clause = _number(clause_match.group(1))
                rest = rest[clause_match.end() :]
            item_match = _ITEM.match(rest)
            if item_match:
                item = _number(item_match.group(1) or item_match.group(2))
        citations.append(
            ParsedCitation(
                rank=rank_match.group(1) if rank_match else "",
                act_title=match.group(1).strip(),
                revision_year=int(year_match.group(1)) if year_match else None,
                article=article,
                clause=clause,
                item=item,
                text=_strip_next_rank(following).strip(),
            )
        )
    return citations


def _strip_next_rank(text: str) -> str:
    """Drop a trailing rank tag that belongs to the next citation."""
    return re.sub(r"【(" + "|".join(RANKS) + r")】\s*$", "", text)
