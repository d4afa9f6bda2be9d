"""Agreement templates the office edits, and one agreement per township of a decision."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from quanze.core.errors import Forbidden
from quanze.delegation.agreements import docx as agreement_docx
from quanze.delegation.agreements import services as agreements
from quanze.delegation.agreements.models import Agreement, AgreementTemplate
from quanze.delegation.decisions import services as decisions
from quanze.delegation.review.models import Batch, Mode
from quanze.delegation.tests import builders as b


@pytest.fixture
def decision(cast):
    project = b.project(cast, b.guiding_version(cast, n=3))
    batch = b.batch(cast, project, verdicts=("pass", "pass"), status=Batch.Status.SUBMITTED)
    return decisions.decision_record(
        by=cast.office,
        batch=batch,
        meeting_date=date(2025, 5, 6),
        document_number="平政发〔2025〕8号",
        townships=[cast.town_a, cast.town_b],
        mode=Mode.ENTRUSTMENT,
        effective_date=date(2025, 6, 1),
        fine_return_share="80",
    )


def _docx(*lines):
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_generates_one_agreement_per_township_from_the_default_template(cast, decision):
    made = agreements.agreements_generate(by=cast.office, decision=decision)
    assert [a.township for a in made] == [cast.town_a, cast.town_b]
    text = agreement_docx.text_of(bytes(made[1].content))
    assert "受委托方:玫瑰镇" in text
    assert "平政发〔2025〕8号" in text
    assert "由财政按80%的比例返还乙方" in text
    assert "CG-001" in text and "CG-002" not in text
    assert made[0].file_name == "锦水街道委托协议(平政发〔2025〕8号).docx"
    assert AgreementTemplate.objects.get(county=cast.county).name == agreements.DEFAULT_NAME


def test_an_uploaded_template_is_used_and_regenerating_replaces_the_agreements(cast, decision):
    agreements.agreements_generate(by=cast.office, decision=decision)
    template = agreements.template_save(
        by=cast.office,
        county=cast.county,
        name="城管委托协议",
        file_name="城管.docx",
        content=_docx("{乡镇}承接{事项数}项,返还{罚没款返还比例}", "{事项清单}"),
    )
    made = agreements.agreements_generate(by=cast.office, decision=decision, template=template)
    assert Agreement.objects.filter(decision=decision).count() == 2
    assert agreement_docx.text_of(bytes(made[0].content)).startswith("锦水街道承接2项,返还80%")


def test_a_template_with_an_unknown_placeholder_is_refused_and_nothing_saved(cast):
    with pytest.raises(ValidationError, match=r"\{甲方代表\}"):
        agreements.template_save(
            by=cast.office,
            county=cast.county,
            name="坏模板",
            file_name="坏.docx",
            content=_docx("{乡镇}{甲方代表}"),
        )
    assert not AgreementTemplate.objects.exists()


def test_only_docx_files_are_accepted(cast):
    with pytest.raises(ValidationError, match="只接受 .docx"):
        agreements.template_save(
            by=cast.office, county=cast.county, name="x", file_name="x.pdf", content=b"%PDF"
        )


def test_only_the_county_office_manages_templates_and_agreements(cast, decision):
    for user in (cast.reviewer, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            agreements.agreements_generate(by=user, decision=decision)
        with pytest.raises(Forbidden):
            agreements.template_save(
                by=user, county=cast.county, name="x", file_name="x.docx", content=_docx("{乡镇}")
            )


def test_agreements_are_for_entrustment_only(cast, decision):
    decision.mode = Mode.ASSIGNMENT
    with pytest.raises(ValidationError, match="只有以委托方式"):
        agreements.agreements_generate(by=cast.office, decision=decision)
