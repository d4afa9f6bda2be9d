"""Matching the act titles citations write to the register's acts.

Citations keep the title as the basis text wrote it: 《中华人民共和国行政处罚法》,
《行政处罚法》, 《城市市容和环境卫生管理条例 》 or with full-width brackets. An act is
matched by the exact variants of its title and aliases (so the citation table's title
index answers it): as written, NFKC-normalised (full-width brackets to ASCII), without
spaces, and with and without the 中华人民共和国 prefix of national acts.
"""

import re
import unicodedata

PREFIX = "中华人民共和国"


def normalise_title(title: str) -> str:
    """《 中华人民共和国行政处罚法（2021） 》 -> 中华人民共和国行政处罚法(2021)."""
    text = unicodedata.normalize("NFKC", title or "")
    return re.sub(r"\s+", "", text).strip("《》<>")


def split_aliases(aliases: str) -> list[str]:
    return [a for a in (normalise_title(p) for p in re.split(r"[、,,;;\n]", aliases or "")) if a]


def title_variants(title: str, aliases: str = "") -> list[str]:
    """Every spelling a citation of this act may use (deduplicated, in a stable order)."""
    names = [normalise_title(title), *split_aliases(aliases)]
    found: list[str] = []
    for name in names:
        bare = name.removeprefix(PREFIX)
        for variant in (name, bare, PREFIX + bare):
            for spelling in (variant, variant.replace("(", "（").replace(")", "）")):
                if spelling and spelling not in found:
                    found.append(spelling)
    return found
