"""Reads of the document set: which documents a case has, the templates a county uses,
and the access choke points (a case's documents are seen by those who see the case,
through `cases.selectors.access_case`; a county's templates by its users)."""

from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.enforcement.cases.selectors import access_case, case_evidence, case_steps
from quanze.enforcement.documents import render
from quanze.enforcement.documents.context import CaseRecord
from quanze.enforcement.documents.defaults import default_template
from quanze.enforcement.documents.kinds import BY_CODE, KINDS, Kind, available
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.org.roles import is_county_wide

FORMATS = {"docx": render.DOCX_TYPE, "pdf": render.PDF_TYPE}


def kind_named(code: str) -> Kind:
    kind = BY_CODE.get(code)
    if kind is None:
        raise NotFound("文书种类")
    return kind


def case_record(case, *, today=None) -> CaseRecord:
    """The case with its log and evidence, loaded once for all its documents."""
    return CaseRecord(
        case=case,
        steps=list(case_steps(case)),
        evidence=list(case_evidence(case)),
        today=today or timezone.localdate(),
    )


def case_documents(case) -> list[Kind]:
    """The kinds of document the case has at its state, in lifecycle order."""
    return available(case_record(case).progress)


def access_document(user, case_pk: int, code: str):
    """(case, record, kind) for a document `user` may download: they see the case, and
    the case has that document at its state."""
    case = access_case(user, case_pk)
    kind = kind_named(code)
    record = case_record(case)
    if kind not in available(record.progress):
        raise NotFound(f"本案当前没有「{kind.name}」,该文书")
    return case, record, kind


def template_bytes(county_id: int, code: str) -> bytes:
    """The county's replacement of a kind's template, else the default."""
    row = DocumentTemplate.objects.filter(county_id=county_id, kind=code).only("content").first()
    return bytes(row.content) if row is not None else default_template(code)


def templates_for(county_id: int, kinds) -> dict[str, bytes]:
    """The template of each kind for the county (one query for the replacements)."""
    codes = [k.code for k in kinds]
    replaced = {
        row.kind: bytes(row.content)
        for row in DocumentTemplate.objects.filter(county_id=county_id, kind__in=codes)
    }
    return {code: replaced.get(code) or default_template(code) for code in codes}


def template_county(user) -> int:
    """The county whose templates `user` reads (every signed-in user of a county)."""
    if not user.is_authenticated or user.county_id is None:
        raise NotFound("文书模板")
    return user.county_id


def template_overview(user) -> list[tuple[Kind, DocumentTemplate | None]]:
    county = template_county(user)
    replaced = {
        row.kind: row
        for row in DocumentTemplate.objects.filter(county_id=county)
        .defer("content")
        .select_related("uploaded_by")
    }
    return [(kind, replaced.get(kind.code)) for kind in KINDS]


def can_manage_templates(user) -> bool:
    """The county's establishment office and justice bureau replace templates."""
    return is_county_wide(user)


def access_template(user, pk: int) -> DocumentTemplate:
    row = DocumentTemplate.objects.defer("content").filter(pk=pk).first()
    if row is None or not user.is_authenticated or row.county_id != user.county_id:
        raise NotFound("文书模板")
    return row


def document_content(record: CaseRecord, kind: Kind, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of one document of a case as .docx or PDF."""
    case = record.case
    docx = render.fill(template_bytes(case.county_id, kind.code), record, kind)
    content = docx if fmt == "docx" else render.document_pdf(docx, f"{case.number} {kind.name}")
    return content, FORMATS[fmt], f"{case.number}-{kind.name}.{fmt}"


def case_file_content(case) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the case file (案卷) as one PDF."""
    record = case_record(case)
    kinds = render.case_file_kinds(record)
    pdf = render.case_file_pdf(record, templates_for(case.county_id, kinds))
    return pdf, render.PDF_TYPE, f"{case.number}-案卷.pdf"
