"""Writes of the county's vocabulary (群众说法词表): the office adds or removes words its
citizens use for a matter. Each write is checked, recorded in history, and taught to
the county's suggestion index once it commits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from quanze.core.errors import refuses_control_chars, validate_model
from quanze.core.history import model_state, record_change
from quanze.dispatch.events.permissions import county_office
from quanze.dispatch.events.selectors import county_matters
from quanze.dispatch.suggestion import selectors
from quanze.dispatch.suggestion.models import VocabularyTerm

FIELDS = ["county", "words", "matter", "note"]


def _require_office(by, county) -> None:
    if not county_office(by, county.pk):
        raise PermissionDenied("只有本县编办可以维护群众说法词表")


@transaction.atomic
def vocabulary_add(*, by, county, words: str, matter, note: str = "") -> VocabularyTerm:
    _require_office(by, county)
    words = " ".join((words or "").split())
    if not words:
        raise ValidationError({"words": "群众说法:请填写群众的说法,如「叫卖」"})
    if matter is None or not county_matters(county).filter(pk=matter.pk).exists():
        raise ValidationError({"matter": "事项:须是本县现行清单上的事项"})
    if VocabularyTerm.objects.filter(county=county, words=words, matter=matter).exists():
        raise ValidationError({"words": f"群众说法:「{words}」已在「{matter}」的词表中"})
    term = VocabularyTerm(
        county=county, words=words, matter=matter, note=(note or "").strip(), created_by=by
    )
    validate_model(term)
    term.save()
    record_change(term, action="create", actor=by, after=model_state(term, FIELDS))
    transaction.on_commit(lambda: selectors.taught(county=county, matter_id=matter.pk, words=words))
    return term


@transaction.atomic
@refuses_control_chars(reason="理由")
def vocabulary_remove(*, by, term: VocabularyTerm, reason: str = "") -> None:
    _require_office(by, term.county)
    before = model_state(term, FIELDS)
    record_change(term, action="delete", actor=by, before=before, reason=reason)
    county = term.county
    term.delete()
    transaction.on_commit(lambda: selectors.forget(county))
