"""The county's 地名库 from a spreadsheet: roads, landmarks and estates with the township
(and village or community) they lie in. Read by the shared safe reader
(quanze.core.spreadsheets), every row checked first, all or nothing."""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction

from quanze.core.history import change_record, record_changes
from quanze.core.sheetimport import (
    SheetRejected,
    first_sheet_rows,
    header_columns,
    missing_labels,
)
from quanze.core.spreadsheets import simplified
from quanze.dispatch.events.permissions import county_office
from quanze.dispatch.intake.models import PlaceName
from quanze.org.models import Division

HEADERS = {
    "name": ("地名", "名称", "道路", "街巷", "地标", "道路名称", "地名名称"),
    "township": ("乡镇(街道)", "乡镇街道", "所属乡镇", "所属街道", "乡镇"),
    "village": ("村(社区)", "村社区", "所属村", "所属社区", "社区", "村"),
    "kind": ("类别", "类型", "地名类别"),
}
LABEL = {key: words[0] for key, words in HEADERS.items()}
KINDS = {"道路": "road", "街巷": "road", "道路街巷": "road", "路": "road", "地标": "landmark"}
KINDS |= {"小区": "estate", "住宅小区": "estate", "其他": "other", "": "other"}
MAX_ROWS = 20_000


class GazetteerRejected(SheetRejected):
    """The gazetteer file cannot be imported; no place name was written."""

    separator = "; "


@dataclass
class GazetteerResult:
    created: int
    warnings: list = field(default_factory=list)


def read_rows(path: Path, name: str, warnings: list | None = None) -> list[list]:
    """The first sheet's rows (formulas refused), without the database."""
    return first_sheet_rows(path, name, rejected=GazetteerRejected, warnings=warnings)


def parse(rows: list[list], *, county, by) -> tuple[list[PlaceName], list[str]]:
    start = next((i for i, row in enumerate(rows) if any(str(c or "").strip() for c in row)), None)
    if start is None:
        return [], ["文件:没有内容"]
    columns = header_columns(rows[start], HEADERS)
    if missing := missing_labels(columns, ("name", "township"), HEADERS):
        return [], [f"文件:缺少表头「{'」「'.join(missing)}」"]
    if len(rows) - 1 - start > MAX_ROWS:
        return [], [f"文件:行数超过上限{MAX_ROWS}"]
    towns = {
        t.name: t
        for t in Division.objects.filter(
            level=Division.Level.TOWNSHIP, code__startswith=county.code[:6]
        )
    }
    villages = {
        (v.parent_id, v.name): v for v in Division.objects.filter(parent__in=towns.values())
    }
    existing = set(PlaceName.objects.filter(county=county).values_list("name", "township_id"))

    def cell(row, key) -> str:
        index = columns.get(key)
        value = row[index] if index is not None and index < len(row) else ""
        return simplified(str(value if value is not None else "")).strip()

    places, problems, seen = [], [], {}
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        bad = []
        name, town_name = cell(row, "name"), cell(row, "township")
        if not name:
            bad.append(f"「{LABEL['name']}」不能为空")
        elif len(name) > 100:
            bad.append(f"「{LABEL['name']}」超过100字")
        elif any(ord(ch) < 32 for ch in name):
            bad.append(f"「{LABEL['name']}」含有控制字符")
        township = towns.get(town_name)
        if township is None:
            bad.append(
                f"「{LABEL['township']}」{county}没有「{town_name}」"
                if town_name
                else f"「{LABEL['township']}」不能为空"
            )
        village_name = cell(row, "village")
        village = villages.get((township.pk, village_name)) if township and village_name else None
        if township and village_name and village is None:
            bad.append(f"「{LABEL['village']}」「{township}」没有「{village_name}」")
        kind = KINDS.get(cell(row, "kind"))
        if kind is None:
            bad.append(f"「{LABEL['kind']}」应为道路街巷、地标、小区或其他")
        if township and name:
            key = (name, township.pk)
            if key in existing:
                bad.append(f"「{LABEL['name']}」「{name}」已在{township}的地名库中")
            elif key in seen:
                bad.append(f"「{LABEL['name']}」「{name}」与第{seen[key]}行重复")
            seen.setdefault(key, number)
        if bad:
            problems += [f"第{number}行{message}" for message in bad]
            continue
        places.append(
            PlaceName(
                county=county, name=name, kind=kind, township=township, village=village,
                created_by=by,
            )
        )  # fmt: skip
    if not places and not problems:
        problems.append("文件:没有地名")
    return places, problems


@transaction.atomic
def gazetteer_import(*, by, county, path, file_name) -> GazetteerResult:
    """Import the county's place names: every row is checked first, any problem refuses
    the whole file, naming its rows and columns; each name created is recorded."""
    if not county_office(by, county.pk):
        raise PermissionDenied("只有本县编办可以导入地名库")
    warnings: list = []
    rows = read_rows(path, file_name, warnings)
    places, problems = parse(rows, county=county, by=by)
    if problems:
        raise GazetteerRejected(problems)
    created = PlaceName.objects.bulk_create(places, batch_size=2000)
    record_changes(
        change_record(
            p, action="create", actor=by, after={"county": str(county), "name": p.name,
            "township": str(p.township), "village": str(p.village or ""), "kind": p.kind},
            reason=f"导入{file_name}",
        )
        for p in created
    )  # fmt: skip
    return GazetteerResult(created=len(created), warnings=warnings)
