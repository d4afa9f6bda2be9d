"""The workbench (工作台): a signed-in user's home page, built from what the apps register.

Each app registers a provider in `core/registry.py` (`register_workbench_section`) from its
`AppConfig.ready()`. A provider takes the user and returns a `Section` (or None when the app
has nothing for that role): the tasks waiting for the user's unit, each with its count, its
nearest deadline and the page to act on it, and the few figures the role watches. Providers
count with a fixed number of queries whatever the data, so the home page stays fast.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from quanze.core.registry import workbench_sections


@dataclass(frozen=True)
class Task:
    """One line of the to-do list: `count` things of one kind wait at `url`."""

    label: str
    count: int
    url: str
    due: date | datetime | None = None  # the nearest deadline among them
    overdue: int = 0  # how many of them are past their deadline
    note: str = ""

    @property
    def due_text(self) -> str:
        """The deadline as the page shows it: a date, or a local date and time."""
        if self.due is None:
            return ""
        if isinstance(self.due, datetime):
            return timezone.localtime(self.due).strftime("%Y-%m-%d %H:%M")
        return self.due.strftime("%Y-%m-%d")

    @property
    def past_due(self) -> bool:
        if self.due is None:
            return False
        if isinstance(self.due, datetime):
            return self.due < timezone.now()
        return self.due < timezone.localdate()


@dataclass(frozen=True)
class Figure:
    """One figure a role watches; `ratio` (0–1) draws it as a bar."""

    label: str
    value: str
    note: str = ""
    url: str = ""
    ratio: float | None = None

    @property
    def percent(self) -> int | None:
        return None if self.ratio is None else round(self.ratio * 100)


@dataclass
class Section:
    title: str
    tasks: list[Task] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url): where to start

    @property
    def waiting(self) -> int:
        return sum(task.count for task in self.tasks)


def workbench_for(user) -> list[Section]:
    """The sections of every app that has something for `user`: those with work waiting
    first, otherwise in registration order."""
    if not user.is_authenticated:
        return []
    sections = []
    for _, provider in workbench_sections():
        section = provider(user)
        if section is not None and (section.tasks or section.figures or section.links):
            sections.append(section)
    return sorted(sections, key=lambda section: section.waiting == 0)


def rate(part: int, whole: int) -> float | None:
    """part/whole, or None when there is nothing to divide (no bar rather than 0%)."""
    return part / whole if whole else None
