"""Reading an act's articles out of its text (pasted, .txt or .docx).

A statute reads
    中华人民共和国行政处罚法
    (1996年3月17日第八届全国人民代表大会第四次会议通过 … 2021年1月22日修订)
    第一章 总则
    第一条 为了规范行政处罚的设定和实施,……
    第二条 行政处罚是指……
    (一)警告、通报批评;
An article starts a line with 第…条 followed by a space (a line starting 第三条规定的… is
text of the article before it); 第五条之一 is an inserted article. Lines before the first
article (title, promulgation note, table of contents) are skipped; 第…章 and 第…节 lines
head the articles after them. Articles must run 第一条, 第二条, … without gaps: a gap or a
repeat is an error naming the line, since it means a misread or truncated text.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from quanze.catalog.powers.citations import chinese_number

_NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
_SPACE = r"[\s\u3000]"
_ARTICLE = re.compile(rf"^第({_NUM})条(?:之({_NUM}))?(?:{_SPACE}+|$)")
_CHAPTER = re.compile(rf"^第{_NUM}[章编]{_SPACE}*\S")
_SECTION = re.compile(rf"^第{_NUM}节{_SPACE}*\S")
MAX_ARTICLES = 2000  # the longest code (民法典) has 1,260 articles
MAX_CHARS = 2_000_000

_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class ParsedArticle:
    number: int
    sub: int
    chapter: str
    text: str
    line: int  # where it starts, counted from 1


def chinese_numeral(n: int) -> str:
    """28 -> 二十八, 105 -> 一百零五, 10 -> 十, 110 -> 一百一十: as statutes write them."""
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    parts, zero = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit:
            if zero:
                parts.append("零")
            zero = False
            parts.append(_DIGITS[digit] + unit)
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def article_label(number: int | str, sub: int = 0) -> str:
    """第二十三条, 第五条之一."""
    label = f"第{chinese_numeral(int(number))}条"
    return f"{label}之{chinese_numeral(sub)}" if sub else label


def _clean(line: str) -> str:
    return line.replace("\u3000", " ").strip()


def parse_articles(text: str) -> list[ParsedArticle]:
    """The articles of `text`, in order; ValidationError naming the line otherwise."""
    if len(text) > MAX_CHARS:
        raise ValidationError(f"文本过长(超过{MAX_CHARS:,}字),请分部分导入")
    articles: list[ParsedArticle] = []
    chapter, section = "", ""
    body: list[str] = []
    start, number, sub = 0, 0, 0

    def close() -> None:
        if not number:
            return
        if not "".join(body).strip():
            raise ValidationError(f"第{start}行:{article_label(number, sub)}没有条文内容")
        heading = " ".join(part for part in (chapter, section) if part)
        articles.append(ParsedArticle(number, sub, heading, "\n".join(body), start))

    for index, raw in enumerate(text.splitlines(), start=1):
        line = _clean(raw)
        if not line:
            continue
        if _CHAPTER.match(line) and not _ARTICLE.match(line):
            close()
            number, body = 0, []
            chapter, section = " ".join(line.split()), ""
            continue
        if _SECTION.match(line):
            close()
            number, body = 0, []
            section = " ".join(line.split())
            continue
        found = _ARTICLE.match(line)
        if found:
            close()
            new_number, new_sub = _value(found.group(1), index), _value(found.group(2), index)
            _check_order(articles, new_number, new_sub, index)
            number, sub, start = new_number, new_sub, index
            body = [line[found.end() :].strip()] if line[found.end() :].strip() else []
            if len(articles) >= MAX_ARTICLES:
                raise ValidationError(f"第{index}行:条文超过{MAX_ARTICLES}条,请检查文本")
            continue
        if number:
            body.append(line)
        elif articles:
            raise ValidationError(f"第{index}行:该行不属于任何条文(前一标题之后应为“第…条”)")
    close()
    if not articles:
        raise ValidationError("未找到任何条文:每条应以“第一条”这样的条号开头,后接空格")
    return articles


def _value(text: str | None, line: int) -> int:
    if not text:
        return 0
    try:
        value = chinese_number(text)
    except ValueError:
        raise ValidationError(f"第{line}行:条号“{text}”不是数字") from None
    if value <= 0:
        raise ValidationError(f"第{line}行:条号“{text}”应大于零")
    return value


def _check_order(articles: list[ParsedArticle], number: int, sub: int, line: int) -> None:
    previous = articles[-1] if articles else None
    if sub:
        expected = (previous.number, previous.sub + 1) if previous else None
        if expected != (number, sub):
            raise ValidationError(
                f"第{line}行:{article_label(number, sub)}的位置不对(前一条是"
                f"{article_label(previous.number, previous.sub) if previous else '无'})"
            )
        return
    expected_number = previous.number + 1 if previous else 1
    if number != expected_number:
        what = "重复" if previous and number <= previous.number else "不连续"
        raise ValidationError(
            f"第{line}行:条号{what},应为{article_label(expected_number)},"
            f"实为{article_label(number)}"
        )


def clauses(text: str) -> list[str]:
    """An article's clauses (款): its paragraphs that are not items (一)(二)…."""
    return [line for line in text.splitlines() if line and not re.match(r"^[(（]", line)]


def parse_article_list(text: str) -> list[str]:
    """ "23, 第二十四条、25" -> ["23", "24", "25"] (as citations write article numbers)."""
    found: list[str] = []
    for part in re.split(r"[,,、;;\s]+", text or ""):
        if not part:
            continue
        match = re.fullmatch(rf"(?:第)?({_NUM})(?:条)?", part)
        value = 0
        if match:
            try:
                value = chinese_number(match.group(1))
            except ValueError:
                value = 0
        if not 0 < value < 10000:
            raise ValidationError(f"涉及条文:“{part}”不是条号(如 23 或 第二十三条)")
        if str(value) not in found:
            found.append(str(value))
    return found
