"""Parsing the legal basis text of a power into citations.

A basis cell reads like
    【法律】《中华人民共和国农村土地承包法》(2018年修正)
    第二十八条 承包期内,发包方不得调整承包地……
or 《城市道路管理条例》第四十二条 …, or 【第27条】【第1款】【第4项】, or
国务院《城市市容和环境卫生管理条例》第三十四条第( 三) 项.
Each 《act》 starts a citation; the rank tag before it, the revision year in the
brackets after it and the first article/clause/item reference after it belong
to it, as does the text up to the next act. A cell with no 《》 at all may still
name an act after a rank tag (【行政法规】城市道路管理条例).
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
_S = r"\s*"
_ACT = re.compile(r"《([^《》]{1,200})》")
_RANK = re.compile(r"【(" + "|".join(RANKS) + r")】\s*$")
_BARE_ACT = re.compile(
    r"【("
    + "|".join(RANKS)
    + r")】\s*([^\s【《》,,;;。]{1,60}?(?:法|条例|规定|办法|细则|决定|规则))"
)
_BRACKET = re.compile(r"^\s*[(（]([^()（）]{0,300})[)）]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# 第四十二条, 第 42 条, 第三十、三十二、三十四条 (a list: the first one counts)
_ARTICLE = re.compile(rf"第{_S}({_NUM}){_S}(?:[、,,和及至-]{_S}{_NUM}{_S})*条")
_BRACKET_ARTICLE = re.compile(rf"【第({_NUM})条】(?:【第({_NUM})款】)?(?:【第({_NUM})项】)?")
_CLAUSE = re.compile(rf"^{_S}第{_S}({_NUM}){_S}款")
_ITEM = re.compile(rf"^{_S}(?:第{_S}[(（]?{_S}({_NUM}){_S}[)）]?{_S}项|[(（]{_S}({_NUM}){_S}[)）])")
MAX_REFERENCE = 9999  # no act has more articles; larger numbers are not references

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
        value = chinese_number(text)
    except ValueError:
        return ""
    return str(value) if 0 < value <= MAX_REFERENCE else ""


def _year(following: str) -> tuple[int | None, str]:
    """The revision year in the brackets right after the title (the latest year named
    there: "(1996年6月4日…,2011年1月1日予以修改)" -> 2011), and the text after them."""
    bracket = _BRACKET.match(following)
    if not bracket:
        return None, following
    years = [int(y) for y in _YEAR.findall(bracket.group(1))]
    if not years:
        return None, following
    return max(years), following[bracket.end() :]


def _reference(text: str) -> tuple[str, str, str]:
    """The first article (条), clause (款) and item (项) the text refers to."""
    bracket = _BRACKET_ARTICLE.search(text)
    plain = _ARTICLE.search(text)
    if bracket and (not plain or bracket.start() <= plain.start()):
        article, clause, item = (_number(g) for g in bracket.groups())
        return article, clause, item
    if not plain:
        return "", "", ""
    article, clause, item = _number(plain.group(1)), "", ""
    rest = text[plain.end() :]
    clause_match = _CLAUSE.match(rest)
    if clause_match:
        clause = _number(clause_match.group(1))
        rest = rest[clause_match.end() :]
    item_match = _ITEM.match(rest)
    if item_match:
        item = _number(item_match.group(1) or item_match.group(2))
    return article, clause, item


def parse_citations(basis: str) -> list[ParsedCitation]:
    basis = basis or ""
    acts = list(_ACT.finditer(basis))
    if not acts:
        return _bare_citations(basis)
    citations = []
    for index, match in enumerate(acts):
        start, end = match.span()
        title = match.group(1).strip()
        if not title:
            continue
        following = basis[end : acts[index + 1].start() if index + 1 < len(acts) else len(basis)]
        rank_match = _RANK.search(basis[max(0, start - 12) : start])
        year, after_year = _year(following)
        article, clause, item = _reference(after_year)
        citations.append(
            ParsedCitation(
                rank=rank_match.group(1) if rank_match else "",
                act_title=title,
                revision_year=year,
                article=article,
                clause=clause,
                item=item,
                text=_strip_next_rank(following).strip(),
            )
        )
    return citations


def _bare_citations(basis: str) -> list[ParsedCitation]:
    """【行政法规】城市道路管理条例 第二十七条: an act named after a rank tag, no 《》."""
    found = list(_BARE_ACT.finditer(basis))
    citations = []
    for index, match in enumerate(found):
        following = basis[
            match.end() : found[index + 1].start() if index + 1 < len(found) else len(basis)
        ]
        year, after_year = _year(following)
        article, clause, item = _reference(after_year)
        citations.append(
            ParsedCitation(
                rank=match.group(1),
                act_title=match.group(2),
                revision_year=year,
                article=article,
                clause=clause,
                item=item,
                text=following.strip(),
            )
        )
    return citations


def _strip_next_rank(text: str) -> str:
    """Drop a trailing rank tag that belongs to the next citation."""
    return re.sub(r"【(" + "|".join(RANKS) + r")】\s*$", "", text)
