"""Raising an event (事项呼叫): from a township clerk, a grid worker's report, the web form or
the API. The hotline import (quanze.dispatch.hotline) writes its rows in bulk instead."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import refuses_control_chars
from quanze.dispatch.events.models import Event, EventLog
from quanze.dispatch.events.permissions import county_office, require
from quanze.dispatch.intake.models import Attachment
from quanze.dispatch.intake.places import clean_place
from quanze.dispatch.suggestion.selectors import suggestions_for
from quanze.org.roles import is_office, is_township_clerk

S = Event.State
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def raises_events(user) -> bool:
    """Township clerks and establishment offices raise events (where: `may_raise`)."""
    return is_office(user) or is_township_clerk(user)


def require_raiser(user) -> None:
    """Refuse anyone who raises no events at all (the page and the API say the same)."""
    require(raises_events(user), "只有乡镇(街道)和编办可以登记事件")


def may_raise(user, township) -> bool:
    """Whether the user may raise an event in this township."""
    if is_township_clerk(user):
        return user.township_id == township.pk
    return county_office(user, township.parent_id)


@refuses_control_chars(Event, description="诉求内容")
def event_create(*, by, source, description, occurred_at, matter=None, files=(), **place) -> Event:
    """Register an event (呼叫). Without a matter, three suggestions wait for a person."""
    township, village = clean_place(
        township=place.pop("township", None), village=place.pop("village", None)
    )
    require(may_raise(by, township), f"无权为「{township}」登记事件")
    return _register(
        by=by, source=source, description=description, occurred_at=occurred_at,
        township=township, village=village, matter=matter, files=files, place=place,
    )  # fmt: skip


PUBLIC_SOURCES = (Event.Source.WEB, Event.Source.API)


@refuses_control_chars(Event, description="诉求内容")
def event_create_public(
    *, source, description, occurred_at, chosen_matter=None, files=(), **place
) -> Event:
    """Register a citizen's own request (the portal's web form and Open311): nobody is
    signed in, so there is no raiser to check; the event waits as 已呼叫 like any other,
    and the township or office confirms its matter. `chosen_matter` (the category the
    citizen picked) goes first among the suggestions, never as a confirmed matter."""
    if source not in PUBLIC_SOURCES:
        raise ValueError(f"not a public source: {source}")
    township, village = clean_place(
        township=place.pop("township", None), village=place.pop("village", None)
    )
    return _register(
        by=None, source=source, description=description, occurred_at=occurred_at,
        township=township, village=village, matter=None, files=files, place=place,
        chosen_matter=chosen_matter,
    )  # fmt: skip


def _register(
    *, by, source, description, occurred_at, township, village, matter, files, place,
    chosen_matter=None,
) -> Event:  # fmt: skip
    """Checks and the suggestion run before the write transaction, so the write lock
    (SQLite takes it at BEGIN) is held only for the inserts."""
    event = Event(
        source=source,
        description=(description or "").strip(),
        occurred_at=occurred_at,
        county_id=township.parent_id,
        township=township,
        village=village,
        matter=matter,
        raised_by=by,
        matter_confirmed_by=by if matter else None,
        **place,
    )
    if not event.description:
        raise ValidationError({"description": "诉求内容:不能为空"})
    if occurred_at and occurred_at > timezone.now() + timezone.timedelta(minutes=5):
        raise ValidationError({"occurred_at": "发生时间:不能晚于现在"})
    _clean_fields(event)
    if matter is None:
        event.suggestions = suggestions_for(county=township.parent, text=event.description)
    if chosen_matter is not None:
        others = [s for s in event.suggestions if s["matter_id"] != chosen_matter.pk]
        chosen = {"matter_id": chosen_matter.pk, "score": 1.0, "confident": False,
                  "reasons": ["反映人选择的类别"], "name": chosen_matter.name}  # fmt: skip
        event.suggestions = [chosen, *others][:3]
    # may_raise: an office acts in its own county, the township's parent; a citizen is 公众.
    unit = "公众" if by is None else str(township if by.township_id else township.parent)
    with transaction.atomic():
        event.save()
        EventLog.objects.create(
            event=event,
            at=event.created_at,
            actor=by,
            unit=unit,
            action="create",
            to_state=S.CALLED,
            reason=f"来源:{event.get_source_display()}",
        )
        for upload in files:
            attachment_add(by=by, event=event, upload=upload)
    return event


def _clean_fields(event) -> None:
    """Field checks (lengths, choices, coordinates) with the field's Chinese name."""
    try:
        event.clean_fields(
            exclude=["matter", "raised_by", "matter_confirmed_by", "county", "township", "village"]
        )
    except ValidationError as error:
        raise ValidationError(
            {
                name: [f"{Event._meta.get_field(name).verbose_name}:{m}" for m in messages]
                for name, messages in error.message_dict.items()
            }
        ) from None


def attachment_add(*, by, event, upload) -> Attachment:
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"files": f"附件:「{upload.name}」超过20MB"})
    return Attachment.objects.create(
        event=event, file=upload, name=upload.name[:200], size=upload.size, uploaded_by=by
    )
