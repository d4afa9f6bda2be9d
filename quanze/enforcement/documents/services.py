"""Writes of the document set: a county replaces a kind's template, or goes back to the
default. Validated (a Word file, only known placeholders, the acting body and the 文号
where the kind has one, row placeholders in table rows wide enough), authorised (the
county's establishment office or justice bureau), recorded (ChangeRecord), atomic; a
refusal saves nothing."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.core.docx_templates import TemplateError, placeholders, render_docx
from quanze.core.errors import Forbidden, NotFound, refuses_control_chars
from quanze.core.history import model_state, record_change
from quanze.enforcement.documents.context import PLACEHOLDERS, TABLES
from quanze.enforcement.documents.kinds import BY_CODE, Kind
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.enforcement.documents.selectors import can_manage_templates

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
RECORDED = ["file_name", "size", "sha256"]


def _kind(code: str) -> Kind:
    kind = BY_CODE.get(code)
    if kind is None:
        raise ValidationError({"kind": f"文书种类:没有这种文书「{code}」"})
    return kind


def _require_manager(by) -> None:
    if not can_manage_templates(by):
        raise Forbidden("只有县(市、区)编办或司法局可以更换文书模板")


def template_errors(kind: Kind, content: bytes) -> list[str]:
    """What is wrong with `content` as the template of `kind` (empty: nothing)."""
    try:
        used = placeholders(content)
    except TemplateError as error:
        return [str(error)]
    known = set(PLACEHOLDERS) | set(TABLES)
    errors = [
        f"模板文件:占位符 {{{name}}} 不是系统提供的占位符(可用的占位符见 docs/enforcement.md 或文书模板页)"
        for name in sorted(used - known)
    ]
    required = {"执法主体": "执法主体名称", **({"文号": "文号"} if kind.word else {})}
    errors += [
        f"模板文件:缺少占位符 {{{name}}}(「{kind.name}」须写明{label})"
        for name, label in required.items()
        if name not in used
    ]
    if errors:
        return errors
    sample = {name: "" for name in PLACEHOLDERS} | {
        name: [["样例"] * len(columns)] for name, columns in TABLES.items()
    }
    try:
        render_docx(content, sample)
    except TemplateError as error:
        return [f"模板文件:{error}"]
    return []


@transaction.atomic
@refuses_control_chars(file_name="模板文件")
def template_upload(*, by, kind: str, file_name: str, content: bytes) -> DocumentTemplate:
    """Replace the county's template of `kind` with an uploaded .docx."""
    _require_manager(by)
    found = _kind(kind)
    if not file_name.lower().endswith(".docx"):
        raise ValidationError({"file": "模板文件:应为 Word(.docx)文件"})
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError({"file": f"模板文件:不能超过{MAX_TEMPLATE_BYTES // 1024 // 1024}MB"})
    errors = template_errors(found, content)
    if errors:
        raise ValidationError({"file": errors})
    row = (
        DocumentTemplate.objects.select_for_update()
        .filter(county_id=by.county_id, kind=found.code)
        .first()
    )
    before = model_state(row, RECORDED) if row is not None else {}
    if row is None:
        row = DocumentTemplate(county_id=by.county_id, kind=found.code)
    else:
        row.row_version += 1
    row.content = content
    row.file_name = file_name[:200]
    row.size = len(content)
    row.sha256 = hashlib.sha256(content).hexdigest()
    row.uploaded_by = by
    row.save()
    record_change(
        row,
        action="upload",
        actor=by,
        before=before,
        after=model_state(row, RECORDED),
        reason=f"更换「{found.name}」模板",
    )
    return row


@transaction.atomic
def template_reset(*, by, kind: str) -> None:
    """Remove the county's replacement: the default template applies again."""
    _require_manager(by)
    found = _kind(kind)
    row = (
        DocumentTemplate.objects.select_for_update()
        .filter(county_id=by.county_id, kind=found.code)
        .first()
    )
    if row is None:
        raise NotFound(f"「{found.name}」的更换模板")
    record_change(
        row,
        action="reset",
        actor=by,
        before=model_state(row, RECORDED),
        after={},
        reason=f"「{found.name}」恢复默认模板",
    )
    row.delete()
