"""The county-level bar of the legality review, a pure rule: no queries here."""

import re

# The county-level bar (行政处罚法 art. 24: only powers exercised at county level
# may be given to townships). A power fails it when its exercise level is above
# the county, or when its legal basis reserves it to a higher authority.
ABOVE_COUNTY_LEVELS = {"国家级", "省级", "市级"}
RESERVED = re.compile(
    r"省、自治区、直辖市(人民政府|[^,。;]{0,10}部门)"
    r"|省级(以上)?(人民政府|[^,。;]{0,10}部门)"
    r"|设区的市(级)?(以上)?(人民政府|[^,。;]{0,10}部门)"
    r"|国务院[^,。;]{0,10}部门(负责|决定|批准|审批|处罚|实施)"
)


def above_county_reason(*, exercise_level: str, basis_texts: list[str]) -> str:
    """Why the power sits above the county (empty when it does not)."""
    if exercise_level in ABOVE_COUNTY_LEVELS:
        return f"行使层级为{exercise_level},不属于县级权力事项,依据《行政处罚法》第二十四条不得赋予乡镇"
    for text in basis_texts:
        found = RESERVED.search(text or "")
        if found:
            return (
                f"设定依据规定由“{found.group(0)}”行使,超出县级权限,"
                "依据《行政处罚法》第二十四条不得赋予乡镇"
            )
    return ""
