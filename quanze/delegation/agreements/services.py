"""Entrustment agreements: the county's editable templates and one agreement per township."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import refuses_control_chars
from quanze.core.history import change_record, record_change, record_changes
from quanze.delegation.agreements import docx as agreement_docx
from quanze.delegation.agreements.models import Agreement, AgreementTemplate
from quanze.delegation.decisions.models import Decision
from quanze.delegation.decisions.selectors import decision_powers, share_text
from quanze.delegation.permissions import require_office
from quanze.delegation.review.models import Mode
from quanze.org.models import Division

DEFAULT_NAME = "默认委托协议模板"
OFFICE_ONLY = "只有本县(市、区)编办可以管理委托协议"


def template_default(*, county: Division) -> AgreementTemplate:
    """The county's default template, created from the built-in one the first time."""
    template, created = AgreementTemplate.objects.get_or_create(
        county=county,
        name=DEFAULT_NAME,
        defaults={"file_name": "委托协议模板.docx", "content": agreement_docx.default_template()},
    )
    if created:
        record_change(template, action="create", actor=None, after={"name": template.name})
    return template


@transaction.atomic
@refuses_control_chars(name="模板名称", file_name="文件名")
def template_save(
    *, by, county: Division, name: str, file_name: str, content: bytes, template=None
) -> AgreementTemplate:
    """Upload a new template, or replace the file of an existing one."""
    require_office(by, county.pk, OFFICE_ONLY)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "模板名称:不能为空"})
    if not file_name.lower().endswith(".docx"):
        raise ValidationError({"file": "模板文件:只接受 .docx 文件"})
    try:
        used = agreement_docx.check_template(bytes(content))
    except agreement_docx.TemplateError as error:
        raise ValidationError({"file": str(error)}) from None
    if template is None:
        if AgreementTemplate.objects.filter(county=county, name=name).exists():
            raise ValidationError({"name": "模板名称:本县已有同名模板"})
        template = AgreementTemplate(county=county)
        action, before = "create", {}
    else:
        action, before = "update", {"name": template.name, "file_name": template.file_name}
    template.name, template.file_name, template.content = name, file_name, bytes(content)
    template.uploaded_by = by if by is not None and by.is_authenticated else None
    template.save()
    record_change(
        template,
        action=action,
        actor=by,
        before=before,
        after={"name": name, "file_name": file_name, "placeholders": "、".join(sorted(used))},
    )
    return template


def _values(decision: Decision, township: Division, count: int) -> dict[str, str]:
    county = decision.batch.project.county
    return {
        "乡镇": township.name,
        "县": county.name,
        "文号": decision.document_number,
        "会议日期": f"{decision.meeting_date:%Y年%-m月%-d日}",
        "生效日期": f"{decision.effective_date:%Y年%-m月%-d日}",
        "方式": decision.get_mode_display(),
        "罚没款返还比例": f"{share_text(decision.fine_return_share)}",
        "事项数": str(count),
    }


@transaction.atomic
def agreements_generate(
    *, by, decision: Decision, template: AgreementTemplate | None = None
) -> list[Agreement]:
    """One .docx agreement per township of an entrustment decision; regenerating replaces them."""
    county = decision.batch.project.county
    require_office(by, county.pk, OFFICE_ONLY)
    if decision.mode != Mode.ENTRUSTMENT:
        raise ValidationError("只有以委托方式下放的决定需要生成委托协议")
    if template is None:
        template = template_default(county=county)
    elif template.county_id != county.pk:
        raise ValidationError({"template": "协议模板:不属于本县"})
    powers = decision_powers(decision)
    rows = [
        (
            p.code,
            str(p),
            p.power_type.name,
            p.department.name if p.department_id else p.undertaking_unit,
        )
        for p in powers
    ]
    now = timezone.now()
    actor = by if by is not None and by.is_authenticated else None
    Agreement.objects.filter(decision=decision).delete()
    agreements = [
        Agreement(
            decision=decision,
            township=township,
            template=template,
            file_name=f"{township.name}委托协议({decision.document_number}).docx",
            content=agreement_docx.fill(
                bytes(template.content), _values(decision, township, len(rows)), rows
            ),
            generated_by=actor,
            generated_at=now,
        )
        for township in decision.townships.order_by("code")
    ]
    Agreement.objects.bulk_create(agreements)
    agreements = list(Agreement.objects.filter(decision=decision).select_related("township"))
    record_changes(
        change_record(
            a,
            action="create",
            actor=by,
            after={"file_name": a.file_name, "template": template.name},
            at=now,
        )
        for a in agreements
    )
    return agreements
