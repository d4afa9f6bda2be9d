"""Time limits of the case steps, in working days where the law says so.

Counting (stated once, used everywhere):
- A period starts the day after its trigger (the trigger day is not counted).
- Working days (工作日) are China's: weekdays that are not public holidays, plus make-up
  workdays (调休上班的周末), from the maintained `chinese-calendar` package. 行政处罚法
  art. 85: its "二日、三日、五日、七日" are working days.
- A period in calendar days whose last day is not a working day ends on the next working
  day (the general rule on periods, 民事诉讼法 art. 85, 行政诉讼法 art. 101).
- Beyond the years `chinese-calendar` has data for (it raises NotImplementedError), a day
  counts as a working day when it is Monday to Friday, and the result is marked
  `estimated`: the page shows it as 预估 until the package is updated with that year's
  State Council holiday notice. Nothing is ever taken from a hand-written holiday table.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from quanze.enforcement.cases import machine as m


@dataclass(frozen=True)
class Due:
    on: date
    estimated: bool = False


def is_working_day(day: date) -> tuple[bool, bool]:
    """(is it a working day, is that an estimate beyond the calendar's data)."""
    try:
        return chinese_calendar.is_workday(day), False
    except NotImplementedError:
        return day.weekday() < 5, True


def add_working_days(start: date, days: int) -> Due:
    """The `days`-th working day after `start`."""
    day, counted, estimated = start, 0, False
    while counted < days:
        day += timedelta(days=1)
        working, guess = is_working_day(day)
        estimated |= guess
        if working:
            counted += 1
    return Due(day, estimated)


def add_calendar_days(start: date, days: int) -> Due:
    """`days` calendar days after `start`, moved to the next working day if it falls on a
    rest day."""
    day = start + timedelta(days=days)
    working, estimated = is_working_day(day)
    while not working:
        day += timedelta(days=1)
        working, guess = is_working_day(day)
        estimated |= guess
    return Due(day, estimated)


@dataclass(frozen=True)
class Limit:
    """The time limit of the step a case waits for in one state."""

    label: str  # what must be done by then
    days: int
    working: bool  # working days (else calendar days)
    basis: str  # the article, or 设定 for a limit set by the county (see docs/enforcement.md)
    since: str  # which date the period runs from: 'entered' (the state) or 'filed'

    def due(self, start: date) -> Due:
        return (add_working_days if self.working else add_calendar_days)(start, self.days)


DECISION = Limit("作出处罚决定", 90, False, "《行政处罚法》第六十条", "filed")
LIMITS: dict[str, Limit] = {
    m.REGISTERED: Limit(
        "立案或不予立案", 15, True, "设定(参照《市场监督管理行政处罚程序规定》第十八条)", "entered"
    ),
    m.FILED: DECISION,
    m.INVESTIGATING: DECISION,
    m.INVESTIGATED: DECISION,
    m.REVIEWED: DECISION,
    m.NOTIFIED: DECISION,
    m.HEARING: DECISION,
    m.HEARD: DECISION,
    m.DECIDED: Limit("送达处罚决定书", 7, True, "《行政处罚法》第六十一条、第八十五条", "entered"),
    m.SERVED: Limit("缴纳罚款或履行决定", 15, False, "《行政处罚法》第六十七条第三款", "entered"),
    m.EXECUTED: Limit("结案", 15, True, "设定", "entered"),
    m.CLOSED: Limit("归档", 20, True, "设定", "entered"),
}
# The party's periods after notice (art. 64(1), 85): a decision before they end needs the
# party's written waiver; and the publication of a penalty decision (国办发〔2018〕118号).
REPLY = Limit(
    "陈述申辩、要求听证", 5, True, "《行政处罚法》第六十四条第一款、第八十五条", "entered"
)
PUBLICATION = Limit("公示行政处罚决定", 7, True, "国办发〔2018〕118号", "entered")


def due_for(state: str, *, entered: date, filed: date | None) -> tuple[Limit | None, Due | None]:
    """The limit a case in `state` waits on and its due date, or (None, None)."""
    limit = LIMITS.get(state)
    if limit is None:
        return None, None
    start = filed if limit.since == "filed" and filed else entered
    return limit, limit.due(start)
