"""Scenario 000, continued from the reviewed first batch: the executive meeting approves
the 52 items by entrustment for all 20 townships with an 80% fine return, the
decision publishes every township's list, and the agreements are generated.

Every step goes through the services; a rerun continues where the last one stopped.
The figures printed come from `decision_outcome`, which reads the published lists.
"""

from datetime import date

from django.db import transaction

from quanze.delegation.agreements import services as agreements
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.models import Decision
from quanze.delegation.decisions.report import decision_outcome
from quanze.delegation.review.models import Batch, Mode

MEETING = date(2025, 9, 10)
DOCUMENT_NUMBER = "平政发〔2025〕21号"
EFFECTIVE = date(2025, 10, 1)
FINE_RETURN_SHARE = 80  # source 000: 罚没收入按80%比例返还给镇


@transaction.atomic
def approve_and_publish(state) -> Decision:
    batch, office = Batch.objects.get(pk=state.batch.pk), state.office
    if batch.status == Batch.Status.REVIEWED:
        decisions.batch_submit(by=office, batch=batch, reason="提请县政府常务会议审议")
        batch.refresh_from_db()
    decision = Decision.objects.filter(batch=batch).first()
    if decision is None:
        decision = decisions.decision_record(
            by=office,
            batch=batch,
            meeting_date=MEETING,
            document_number=DOCUMENT_NUMBER,
            townships=list(state.project.townships.all()),
            mode=Mode.ENTRUSTMENT,
            effective_date=EFFECTIVE,
            fine_return_share=FINE_RETURN_SHARE,
        )
    if decision.status == Decision.Status.RECORDED:
        decision = decisions.decision_publish(by=office, decision=decision)
    if not decision.agreements.exists():
        agreements.agreements_generate(by=office, decision=decision)
    return decision


def print_outcome(outcome: dict, stdout) -> None:
    kinds = ",".join(f"{f}·{t} {n} 项" for (f, t), n in sorted(outcome["by_field_type"].items()))
    stdout.write(
        f"常务会决定 {DOCUMENT_NUMBER}:{outcome['items']} 项({kinds}),以{outcome['mode']}方式"
        f"下放 {outcome['townships']} 个镇(街道),罚没款返还 {outcome['share']};"
    )
    stdout.write(
        f"已发布乡镇清单 {outcome['lists_published']} 个(含全部决定事项 "
        f"{outcome['lists_holding_every_item']} 个),委托协议 {outcome['agreements']} 份。"
    )


def load_from_review(state, *, stdout) -> Decision:
    decision = approve_and_publish(state)
    print_outcome(decision_outcome(decision), stdout)
    return decision
