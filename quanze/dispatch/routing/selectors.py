"""Routing: who must act on an event, by the territorial responsibility list in force on the
event's day. The list itself belongs to quanze.duties; this module only reads it through
`responsibility_for` and turns the answer into a stored decision with its reasons."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.org.models import Department

DEFAULT_ACCEPT_HOURS = getattr(settings, "QUANZE_DISPATCH_ACCEPT_HOURS", 2)
DEFAULT_HANDLE_DAYS = getattr(settings, "QUANZE_DISPATCH_HANDLE_DAYS", 5)


@dataclass
class Route:
    primary: Department
    fallback: Department | None
    cooperating: list = field(default_factory=list)  # (unit name, task) pairs
    cooperating_departments: list = field(default_factory=list)
    township_cooperates: bool = False
    township_task: str = ""
    primary_task: str = ""
    accept_hours: float = DEFAULT_ACCEPT_HOURS
    handle_days: float = DEFAULT_HANDLE_DAYS
    why: dict = field(default_factory=dict)
    township_primary: bool = False  # the township leads: by the list, or by 权随事转

    def dues(self, start):
        return start + timedelta(hours=self.accept_hours), start + timedelta(days=self.handle_days)


def route_from(r, *, township, on) -> Route:
    """Turn the duties app's Responsibility into a Route (plain values, ready to store).

    权随事转: where the township holds on the day a delegated power the matter relies on,
    the township leads there; the "why" names the list and the decision, and says when
    the two disagree (the list still gives a department the lead)."""
    from quanze.dispatch.routing.delegation import held

    version = r.version
    co_departments = [c.department for c in r.cooperating if c.department is not None]
    co_named = [(str(c.unit), c.task) for c in r.cooperating]
    steps = [
        {
            "position": s.position,
            "unit": str(s.unit),
            "action": s.action,
            "hours": s.time_limit_hours,
        }
        for s in r.steps
    ]
    delegated = held(township=township, power_ids=r.power_ids, on=on)
    rule = r.rule or _rule_text(r.primary_department, r.fallback_department)
    conflict = ""
    if delegated is not None:
        rule += ";" + delegated.sentence(township)
        if not r.township_primary:
            conflict = (
                f"清单与赋权决定不一致:清单定{r.primary_department}承担主体责任,"
                f"而{delegated.decision}已将相关职权下放给「{township}」"
            )
    why = {
        "list_id": r.list.pk,
        "list": str(r.list),
        "version_id": version.pk,
        "version": version.number,
        "effective_date": str(version.effective_date or ""),
        "item_id": r.item_id,
        "matter_id": r.matter.pk,
        "matter": r.matter.name,
        "rule": rule,
        "township_primary": bool(r.township_primary or delegated),
        "primary_unit": str(township)
        if (r.township_primary or delegated)
        else str(r.primary_department),
        "delegation": None
        if delegated is None
        else {
            "decision_id": delegated.decision.pk,
            "document_number": delegated.decision.document_number,
            "mode": delegated.decision.get_mode_display(),
            "effective_date": str(delegated.decision.effective_date),
            "powers": list(delegated.powers),
        },
        "conflict": conflict,
        "basis": r.basis,
        "on": on.isoformat(),
        "cooperating": co_named,
        "township_cooperates": r.township_cooperates,
        "steps": steps,
        "accept_hours": float(r.accept_hours),
        "handle_days": float(r.handle_days),
    }
    return Route(
        primary=r.primary_department,
        fallback=r.fallback_department,
        cooperating=co_named,
        cooperating_departments=co_departments,
        township_cooperates=r.township_cooperates,
        township_task=r.township_duty,
        primary_task=r.primary_duty,
        accept_hours=float(r.accept_hours),
        handle_days=float(r.handle_days),
        why=why,
        township_primary=bool(r.township_primary or delegated),
    )


def _rule_text(primary, fallback) -> str:
    text = f"清单规定「{primary}」承担主体责任" if primary else "清单未定主体责任单位"
    return text + (f",「{fallback}」兜底" if fallback else "")


_ZONE = None


def local_day(moment):
    """The event's calendar day where the county is (settings.TIME_ZONE), without the
    per-call lookup of the active time zone: routing is on the hot path."""
    global _ZONE
    if _ZONE is None:
        from zoneinfo import ZoneInfo

        _ZONE = ZoneInfo(settings.TIME_ZONE)
    return moment.astimezone(_ZONE).date()


def event_route(*, event, matter=None) -> Route:
    """The route for this event's matter and place on the day it happened."""
    from quanze.duties.territorial.routing import responsibility_for

    matter = matter or event.matter
    if matter is None:
        raise ValidationError({"matter": "事项:请先确认事项,再派发"})
    on = local_day(event.occurred_at)
    responsibility = responsibility_for(matter=matter, township=event.township, on=on)
    if responsibility is None:
        raise ValidationError(
            {"matter": f"事项:{on:%Y年%m月%d日}「{event.township}」适用的清单中没有「{matter}」"}
        )
    return route_from(responsibility, township=event.township, on=on)


def corrected_route(*, event, matter, version) -> Route:
    """The route under a version a dispute ruling just published to correct the list.

    The disputed event follows the corrected list although it happened before the new
    version's effective date: that is what the ruling decides. Every other event keeps
    the version in force on its own day."""
    from quanze.duties.territorial.routing import responsibility_in

    # Not through the shared cache: `version` is not committed yet (see responsibility_in).
    responsibility = responsibility_in(version=version, matter=matter, township=event.township)
    if responsibility is None:
        raise ValidationError({"correction": f"清单更正:{version}未能生效,请重试"})
    route = route_from(responsibility, township=event.township, on=local_day(event.occurred_at))
    route.why["corrected_by_ruling"] = True
    route.why["rule"] = f"争议裁定更正清单,按更正后的{route.why['rule']}"
    return route


def township_admitted(*, event, matter) -> bool:
    """Whether the township may be given this matter: on its list, or admitted."""
    from quanze.duties.dutylists.selectors import is_on_list

    on = timezone.localdate(event.occurred_at)
    return bool(is_on_list(township=event.township, matter=matter, on=on))


def dues(route: Route, start=None):
    return route.dues(start or timezone.now())
