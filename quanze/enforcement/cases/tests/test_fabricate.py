"""`quanze generate_cases`: a year of cases that the models' rules accept, the same each time."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quanze.enforcement.cases import deadlines, services
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.cases.powers import holding_for
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.enforcement.officers.selectors import certificate_check
from quanze.org.models import User

PER_TOWNSHIP = 40


@pytest.fixture
def province(db):
    call_command("generate", "--townships=3", "--items=60", "--seed=2", stdout=StringIO())
    out = StringIO()
    call_command("generate_cases", "--seed=2", f"--per-township={PER_TOWNSHIP}", stdout=out)
    return out.getvalue()


def digest() -> str:
    rows = [
        list(Case.objects.order_by("pk").values_list("pk", "number", "state", "power_id", "opened_on", "fine_amount", "due_on")),
        list(CaseStep.objects.order_by("pk", "officers").values_list("pk", "case_id", "action", "to_state", "on", "officers")),
        list(Evidence.objects.order_by("pk").values_list("pk", "case_id", "collected_by_id", "collected_at")),
        list(Officer.objects.order_by("pk", "certificates__number").values_list("pk", "name", "certificates__number")),
    ]  # fmt: skip
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def replay(case: Case) -> None:
    """Every step of the log is a step the machine allows, in order, ending in the case's state."""
    state = m.REGISTERED
    facts = m.Facts(procedure=case.procedure)
    for step in case.steps.exclude(action__in=["open", "annotate"]).order_by("at", "id"):
        assert step.from_state == state, (case.number, step.action)
        given = {}
        if step.action == "conclude":
            given["review_grounds"] = [g for g in case.review_grounds if g != m.HEARD_GROUND]
        if step.action in ("decide", "decide_on_spot"):
            given = {"penalised": case.outcome == "penalty", "fine_due": bool(case.fine_amount)}
        state, facts = m.step(state, step.action, facts, **given)
        if step.action == "notify":
            facts = m.Facts(**{**facts.__dict__, "hearing_offered": case.hearing_offered})
        assert step.to_state == state
    assert state == case.state
    assert (facts.review_required, facts.reviewed) == (case.review_required, case.reviewed)


def test_every_case_follows_the_rules(province):
    assert f"执法案件 {3 * PER_TOWNSHIP} 件" in province
    cases = list(Case.objects.select_related("township", "power", "field"))
    assert len(cases) == 3 * PER_TOWNSHIP
    assert len({c.state for c in cases}) >= 5  # a year: most closed, some still open
    for case in cases:
        # held on the township's list in force on the case's date, in the township's name
        holding = holding_for(township=case.township, power=case.power, on=case.opened_on)
        assert (case.mode, case.acting_name) == (holding.mode, holding.acting_name)
        assert case.basis["version_id"] == holding.basis["version_id"]
        assert case.power.power_type.name == "行政处罚"
        assert case.number == services.case_number(case.acting_name, case.year, case.sequence)
        replay(case)
        limit, due = deadlines.due_for(case.state, entered=case.state_since, filed=case.filed_on)
        assert case.due_on == (due.on if due else None)
        if case.paid_on:
            assert case.paid_amount == case.fine_amount + case.surcharge
        if case.decided_on and case.notified_on and not case.hearing_held:
            assert case.decided_on > case.reply_due  # no waiver needed
    for step in CaseStep.objects.filter(action__in=m.INVESTIGATIVE).select_related("case__field"):
        officers = list(step.officers.all())
        assert len(officers) == 2
        for officer in officers:
            certificate = certificate_check(officer, on=step.on, field=step.case.field)
            assert step.data["certificates"][officer.name] == certificate.number
    for evidence in Evidence.objects.select_related("case__field", "collected_by"):
        certificate_check(
            evidence.collected_by, on=evidence.collected_at.date(), field=evidence.case.field
        )
        assert evidence.custody.get().action == Custody.Action.COLLECTED
    reviewed = Case.objects.filter(reviewer__isnull=False).select_related("reviewer")
    assert all(c.reviewer.legal_qualification for c in reviewed)


def test_it_is_deterministic_and_the_services_carry_on(province):
    first = digest()
    Custody.objects.all().delete()
    Evidence.objects.all().delete()
    Case.objects.all().delete()
    Certificate.objects.all().delete()
    Officer.objects.all().delete()
    call_command("generate_cases", "--seed=2", f"--per-township={PER_TOWNSHIP}", stdout=StringIO())
    assert digest() == first
    # The services carry on where the generator stopped (ids continue on PostgreSQL too).
    case = Case.objects.filter(state=m.REGISTERED, procedure=m.GENERAL).first() or (
        Case.objects.filter(state=m.FILED).first()
    )
    clerk = User.objects.create_user(
        username="clerk", role=User.Role.TOWNSHIP_CLERK, township=case.township,
        county=case.township.parent,
    )  # fmt: skip
    opened = services.case_open(
        by=clerk, power=case.power, opened_on=case.opened_on, source="inspection",
        title="再登记一件", party_kind="individual", party_name="某甲",
    )  # fmt: skip
    assert opened.pk > max(Case.objects.exclude(pk=opened.pk).values_list("pk", flat=True))
    officers = list(Officer.objects.filter(township=case.township)[:2])
    after = services.case_step(by=clerk, case=opened, action="file", on=opened.opened_on,
                               summary="立案")  # fmt: skip
    after = services.case_step(by=clerk, case=after, action="investigate", on=opened.opened_on,
                               officers=officers, summary="检查", place="现场")  # fmt: skip
    assert after.state == m.INVESTIGATING


def test_it_refuses_without_a_province(db):
    with pytest.raises(CommandError, match="quanze generate"):
        call_command("generate_cases", stdout=StringIO())
