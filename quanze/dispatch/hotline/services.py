"""12345 hotline import: a work-order sheet (.xlsx or .csv) becomes events, all or nothing.

Every row is checked before anything is written; any bad row refuses the whole file
with messages naming the row and the column.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from quanze.core.sheetimport import (
    SheetRejected,
    first_sheet_rows,
    header_columns,
    missing_columns_message,
    missing_labels,
)
from quanze.core.spreadsheets import code_text
from quanze.dispatch.events.models import Event, EventLog
from quanze.dispatch.events.permissions import county_office, require
from quanze.dispatch.events.selectors import county_matters
from quanze.dispatch.intake.places import gazetteer, resolve
from quanze.dispatch.suggestion.selectors import matter_index, suggestions_from
from quanze.org.models import Division
from quanze.org.roles import is_office

# Column key: accepted headers (the first is the one the template uses).
HEADERS = {
    "ref": ("工单编号", "工单号", "受理编号"),
    "occurred_at": ("来电时间", "受理时间", "反映时间", "发生时间"),
    "description": ("诉求内容", "反映内容", "问题描述", "工单内容"),
    "township": ("乡镇(街道)", "乡镇街道", "所属乡镇", "所属街道", "乡镇"),
    "village": ("村(社区)", "村社区", "村居", "社区"),
    "address": ("详细地址", "事发地址", "地址"),
    "reporter_name": ("来电人", "诉求人", "反映人"),
    "reporter_phone": ("联系电话", "来电号码", "电话"),
    "matter": ("事项", "事项名称"),
}
# 乡镇(街道) may be missing or empty: the place names in 详细地址 and 诉求内容 then decide
# (the county's 地名库 and its divisions); a place that points to several townships, or
# none, is a question for the clerk: the row is refused naming them.
REQUIRED = ("ref", "occurred_at", "description")
LABEL = {key: names[0] for key, names in HEADERS.items()}
TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
)
MAX_ROWS = 50_000


def require_hotline_office(user) -> None:
    """Only an establishment office (the hotline centre) imports; the page and the API say
    the same. `hotline_import` checks the county as well."""
    require(is_office(user), "只有编办(热线中心)可以导入12345工单")


class HotlineRejected(SheetRejected):
    """The hotline export cannot be imported; no ticket was created."""


@dataclass
class HotlineResult:
    created: int
    suggested: int
    events: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # macros, external links


def read_rows(path: Path, name: str, warnings: list | None = None) -> list[list]:
    """The first sheet's rows, read by the shared safe reader (quanze.core.spreadsheets):
    bounded size and extent, merged ranges spread; formula cells are refused, macro and
    external-link warnings go to `warnings`."""
    return first_sheet_rows(
        path,
        name,
        rejected=HotlineRejected,
        warnings=warnings,
        suffixes=(".xlsx", ".xlsm", ".xls", ".csv"),
    )


def _columns(header: list) -> dict[str, int]:
    columns = header_columns(header, HEADERS)
    if missing := missing_labels(columns, REQUIRED, HEADERS):
        raise HotlineRejected([missing_columns_message(missing)])
    return columns


def _time(value):
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        text = str(value or "").strip()
        for fmt in TIME_FORMATS:
            try:
                moment = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _cell(row, columns, key) -> object:
    index = columns.get(key)
    if index is None or index >= len(row):
        return ""
    value = row[index]
    return value.strip() if isinstance(value, str) else value


def parse(rows: list[list], *, county, matters: dict) -> tuple[list[Event], list[str]]:
    """Check every row; return the unsaved events and the problems found."""
    start = next((i for i, row in enumerate(rows) if any(str(c or "").strip() for c in row)), None)
    if start is None:
        return [], ["文件:没有内容"]
    columns = _columns(rows[start])
    if len(rows) - 1 - start > MAX_ROWS:
        return [], [f"文件:行数超过上限{MAX_ROWS}"]
    towns = Division.objects.filter(level=Division.Level.TOWNSHIP, code__startswith=county.code[:6])
    towns_by_name = {t.name: t for t in towns}
    villages = {(v.parent_id, v.name): v for v in Division.objects.filter(parent__in=towns)}
    names = None  # the county's gazetteer, read on the first row that needs it
    refs = set(
        Event.objects.filter(source=Event.Source.HOTLINE).values_list("external_ref", flat=True)
    )
    now, seen, events, problems = timezone.now(), {}, [], []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        bad = []
        ref = code_text(str(_cell(row, columns, "ref") or ""))  # full-width digits too
        if isinstance(_cell(row, columns, "ref"), float):
            ref = str(int(_cell(row, columns, "ref")))
        if not ref:
            bad.append(f"「{LABEL['ref']}」不能为空")
        elif ref in refs:
            bad.append(f"「{LABEL['ref']}」{ref} 已导入过")
        elif ref in seen:
            bad.append(f"「{LABEL['ref']}」{ref} 与第{seen[ref]}行重复")
        seen.setdefault(ref, number)
        moment = _time(_cell(row, columns, "occurred_at"))
        if moment is None:
            bad.append(f"「{LABEL['occurred_at']}」无法识别(应为 2026-03-01 08:30)")
        elif moment > now:
            bad.append(f"「{LABEL['occurred_at']}」晚于现在")
        description = str(_cell(row, columns, "description") or "")
        if not description:
            bad.append(f"「{LABEL['description']}」不能为空")
        town_name = str(_cell(row, columns, "township") or "")
        township = towns_by_name.get(town_name)
        if not town_name:
            if names is None:
                names = gazetteer(county)
            place = f"{_cell(row, columns, 'address') or ''} {description}"
            found = resolve(place, names=names)
            township = found.township
            if township is None:
                bad.append(f"「{LABEL['township']}」为空,{found.question()}")
        elif township is None:
            bad.append(f"「{LABEL['township']}」{county}没有「{town_name}」")
        village_name = str(_cell(row, columns, "village") or "")
        village = villages.get((township.pk, village_name)) if township and village_name else None
        if township and village_name and village is None:
            bad.append(f"「{LABEL['village']}」「{township}」没有「{village_name}」")
        matter_name = str(_cell(row, columns, "matter") or "")
        matter = matters.get(matter_name) if matter_name else None
        if matter_name and matter is None:
            bad.append(f"「{LABEL['matter']}」清单中没有「{matter_name}」")
        if bad:
            problems += [f"第{number}行{message}" for message in bad]
            continue
        events.append(
            Event(
                source=Event.Source.HOTLINE,
                external_ref=ref[:64],
                description=description,
                county=county,
                township=township,
                village=village,
                occurred_at=moment,
                address=str(_cell(row, columns, "address") or "")[:200],
                reporter_name=str(_cell(row, columns, "reporter_name") or "")[:50],
                reporter_phone=str(_cell(row, columns, "reporter_phone") or "")[:30],
                matter=matter,
            )
        )
    if not events and not problems:
        problems.append("文件:没有工单行")
    return events, problems


@transaction.atomic
def hotline_import(*, by, county, path, file_name) -> HotlineResult:
    """Import a hotline sheet into the county: every row, or none."""
    require(county_office(by, county.pk), "只有本县编办(热线中心)可以导入12345工单")
    matters = {m.name: m for m in county_matters(county)}
    warnings: list[str] = []
    rows = read_rows(path, file_name, warnings)
    events, problems = parse(rows, county=county, matters=matters)
    if problems:
        raise HotlineRejected(problems)
    index, suggested = matter_index(county), 0
    for event in events:
        event.raised_by = by
        if event.matter is None:
            event.suggestions = suggestions_from(index, event.description)
            suggested += 1
        else:
            event.matter_confirmed_by = by
    Event.objects.bulk_create(events, batch_size=1000)
    now = timezone.now()
    EventLog.objects.bulk_create(
        [
            EventLog(
                event=e,
                at=now,
                actor=by,
                unit=str(county),
                action="create",
                to_state=Event.State.CALLED,
                reason=f"12345热线导入:{file_name}",
            )
            for e in events
        ],
        batch_size=1000,
    )
    return HotlineResult(created=len(events), suggested=suggested, events=events, warnings=warnings)
