"""What fills a document: the placeholders (`PLACEHOLDERS`, `TABLES`) and their values for
one case and one kind (`values`). Pure given the case record: no queries here (the
selectors load the case, its log and evidence once into a `CaseRecord`).

Every document shows the acting body by the delegation mode (`Case.acting_name`: the
entrusting department under 委托/交办, the township under 赋权), the mode in words
(`{委托说明}`), the case number by rule, and the officers with their certificate numbers
as the step's record kept them (`CaseStep.data["certificates"]`).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases import rules
from quanze.enforcement.cases.services import case_number
from quanze.enforcement.documents.kinds import BY_CODE, Kind, Progress

# name -> what it is (docs/enforcement.md lists these; an uploaded template may use no other)
PLACEHOLDERS = {
    "执法主体": "以其名义执法的机关:委托、交办时为委托(交办)部门,赋权时为乡镇(街道)",
    "委托说明": "实施方式的说明(受某部门委托以其名义实施 / 依据赋权决定以自己的名义实施)",
    "实施方式": "委托、交办、赋权、乡镇清单事项或部门本级职权",
    "办案单位": "办理案件的乡镇(街道)或部门",
    "案件编号": "执法主体〔年〕序号",
    "文号": "本文书的文号:执法主体+文书字〔年〕序号(无文号的文书为空)",
    "案由": "案由",
    "案源": "案件来源",
    "案源说明": "案源说明或来源事件编号",
    "执法事项": "执法事项名称(编码)",
    "法律依据": "执法事项的设定依据",
    "职权依据": "核对的乡镇权责清单(版本、施行日期)及委托/赋权决定文号",
    "当事人": "当事人姓名或名称",
    "当事人类型": "公民 / 法人或者其他组织",
    "证件号码": "当事人证件号码",
    "联系电话": "当事人联系电话",
    "住所": "当事人住所(地址)",
    "违法地点": "违法行为发生地点",
    "违法事实": "违法事实",
    "案发日期": "案发(受理)日期",
    "立案日期": "立案日期",
    "立案意见": "立案时记录的意见",
    "登记人": "登记案件的人员",
    "执法人员1": "第一名执法人员",
    "执法证号1": "第一名执法人员的执法证号",
    "执法人员2": "第二名执法人员",
    "执法证号2": "第二名执法人员的执法证号",
    "执法人员及证号": "全部执法人员及执法证号",
    "文书日期": "产生本文书的办案步骤的日期",
    "文书地点": "该步骤的地点",
    "文书内容": "该步骤记录的内容(笔录、意见、报告)",
    "证据名称": "全部证据名称",
    "证据数": "证据件数",
    "法制审核情形": "《行政处罚法》第五十八条的情形",
    "法制审核人员": "法制审核人员",
    "法律职业资格": "法制审核人员的法律职业资格证书编号",
    "法制审核意见": "法制审核意见",
    "告知日期": "事先告知日期",
    "拟处罚内容": "告知的拟处罚内容",
    "陈述申辩期限": "陈述申辩、要求听证的期限",
    "听证权利": "可以要求听证时的告知语",
    "听证日期": "举行听证的日期",
    "听证地点": "举行听证的地点",
    "听证情况": "听证或放弃听证的情况",
    "决定内容": "处罚决定内容",
    "决定日期": "决定日期",
    "处罚种类": "处罚种类",
    "罚款金额": "罚款金额(元)",
    "决定书名称": "行政处罚决定书 / 不予行政处罚决定书 / 当场行政处罚决定书",
    "决定文号": "决定书文号",
    "送达日期": "送达日期",
    "送达方式": "送达方式",
    "缴款期限": "缴款期限",
    "缴款日期": "缴款日期",
    "实缴金额": "实缴罚款(元)",
    "加处罚款": "加处罚款(元)",
    "加处罚款计至": "加处罚款计算截止日期",
    "人民法院": "申请强制执行的人民法院",
    "执行情况": "执行情况",
    "撤销理由": "不予立案或撤销立案的理由",
    "结案日期": "结案日期",
    "归档日期": "归档日期",
    "文书份数": "案卷中的文书份数",
    "备考说明": "案件的备注",
    "立卷人": "立卷人",
}
# Row placeholders: each sits in one table row, copied once per row (name -> columns).
TABLES = {
    "证据表": ("序号", "证据名称及内容", "种类", "收集时间", "收集地点", "收集人"),
    "执法人员表": ("执法人员", "执法证号"),
    "卷内目录": ("序号", "文书名称", "文号", "日期", "页号"),
}
BLANK_DATE = "    年  月  日"


@dataclass
class CaseRecord:
    """A case with its log (CaseStep, officers prefetched) and evidence (custody
    prefetched), loaded once for every document of the case."""

    case: object
    steps: list
    evidence: list
    today: date
    index_rows: list = field(default_factory=list)

    @property
    def progress(self) -> Progress:
        stored = any(c.action == "stored" for item in self.evidence for c in item.custody.all())
        return Progress(
            case=self.case,
            actions=frozenset(s.action for s in self.steps),
            evidence_count=len(self.evidence),
            stored=stored,
        )

    def last(self, action: str):
        found = [s for s in self.steps if s.action == action]
        return found[-1] if found else None


def day(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def yuan(value: Decimal | None) -> str:
    return f"{value}元" if value else ""


def document_number(case, kind: Kind) -> str:
    """The 文号 of a kind: the case number's rule with the document's word after the
    acting body (平阴县城市管理局罚决字〔2025〕3号); "" for a kind without a number."""
    if not kind.word:
        return ""
    return case_number(f"{case.acting_name}{kind.word}", case.year, case.sequence)


def mode_text(case) -> str:
    team = str(case.team)
    decision = case.basis.get("decision", "")
    if case.mode == "entrusted":
        return f"{team}受{case.acting_name}委托,以{case.acting_name}的名义实施(委托决定{decision})"
    if case.mode == "assigned":
        return f"{team}受{case.acting_name}交办,以{case.acting_name}的名义实施(交办决定{decision})"
    if case.mode == "granted":
        return (
            f"{team}依据赋权决定{decision}以自己的名义实施(《中华人民共和国行政处罚法》第二十四条)"
        )
    if case.mode == "township":
        return f"{team}依据乡镇权责清单以自己的名义实施"
    return f"{team}以本机关的名义实施本级职权"


def basis_text(case) -> str:
    b = case.basis
    if b.get("list"):
        text = f"「{b['list']}」第{b.get('version', '')}版(自{b.get('effective_date', '')}起施行"
        text += f",{b['document_number']})" if b.get("document_number") else ")"
        if b.get("decision"):
            text += f",{b.get('decision_mode', '')}决定{b['decision']}"
    else:
        text = "本级职权"
    return f"{text};核对日期{b.get('checked_on', '')}"


def _certificates(record: CaseRecord, kind: Kind) -> list[tuple[str, str]]:
    """The officers who acted at the kind's step, else at the latest investigative step."""
    own = record.last(kind.step)
    if own is not None and own.data.get("certificates"):
        return list(own.data["certificates"].items())
    for step in reversed(record.steps):
        if step.data.get("certificates"):
            return list(step.data["certificates"].items())
    return []


def _decision_kind(case) -> Kind:
    if case.procedure == m.SIMPLE:
        return BY_CODE["on_spot"]
    return BY_CODE["no_penalty" if case.outcome == "no_penalty" else "decision"]


def _surcharge(case, today: date) -> tuple[Decimal | None, date | None]:
    """The surcharge recorded at payment, else as counted to the enforcement application
    or today (art. 72(1): 3 % a day, at most the fine)."""
    if case.surcharge:
        return case.surcharge, case.paid_on
    if not (case.fine_amount and case.payment_due) or case.paid_on:
        return None, None
    until = case.enforcement_applied_on or today
    return m.late_surcharge(case.fine_amount, (until - case.payment_due).days), until


def _hearing_text(case, hearing) -> str:
    if hearing is not None:
        return f"你(单位)要求举行听证,本机关于{day(hearing.on)}依法举行了听证。"
    if case.hearing_offered:
        return "你(单位)在规定期限内未要求听证。"
    return ""


def evidence_rows(record: CaseRecord) -> list[list[str]]:
    return [
        [
            str(n),
            e.description,
            e.get_kind_display(),
            f"{e.collected_at:%Y-%m-%d %H:%M}",
            e.place,
            str(e.collected_by),
        ]
        for n, e in enumerate(record.evidence, start=1)
    ]


def values(record: CaseRecord, kind: Kind) -> dict:
    """Every placeholder's value for `kind` of the record's case (strings, and row lists
    for `TABLES`)."""
    case = record.case
    own = record.last(kind.step)
    certificates = _certificates(record, kind)
    officer = [*certificates, ("", ""), ("", "")]
    hearing = record.last("hold_hearing")
    serve = record.last("serve")
    drop = record.last("drop")
    pay = record.last("pay")
    execute = record.last("execute")
    applied = record.last("apply_enforcement")
    surcharge, surcharge_until = _surcharge(case, record.today)
    decision_kind = _decision_kind(case)
    grounds = [m.REVIEW_GROUNDS[g] for g in case.review_grounds if g in m.REVIEW_GROUNDS]
    notes = [s.summary for s in record.steps if s.action == "annotate" and s.summary]
    if execute is not None:
        executed = execute.summary
    elif pay is not None:
        executed = f"当事人于{day(case.paid_on)}缴纳罚款{yuan(case.paid_amount)}"
    else:
        executed = ""
    return {
        "执法主体": case.acting_name,
        "委托说明": mode_text(case),
        "实施方式": case.get_mode_display(),
        "办案单位": str(case.team),
        "案件编号": case.number,
        "文号": document_number(case, kind),
        "案由": case.title,
        "案源": case.get_source_display(),
        "案源说明": case.source_detail or (case.event.number if case.event_id else ""),
        "执法事项": f"{case.power.name}({case.power.code})",
        "法律依据": case.power.legal_basis or "有关法律、法规、规章",
        "职权依据": basis_text(case),
        "当事人": case.party_name,
        "当事人类型": case.get_party_kind_display(),
        "证件号码": case.party_id_number,
        "联系电话": case.party_phone,
        "住所": case.party_address,
        "违法地点": case.place,
        "违法事实": case.facts or case.title,
        "案发日期": day(case.opened_on),
        "立案日期": day(case.filed_on),
        "立案意见": (record.last("file").summary if record.last("file") else "") or "拟立案调查",
        "登记人": str(case.created_by),
        "执法人员1": officer[0][0],
        "执法证号1": officer[0][1],
        "执法人员2": officer[1][0],
        "执法证号2": officer[1][1],
        "执法人员及证号": "、".join(f"{n}(执法证号:{c})" for n, c in certificates),
        "执法人员表": [[n, c] for n, c in certificates],
        "文书日期": day(own.on) if own is not None else day(record.today),
        "文书地点": (own.place if own is not None else "") or case.place,
        "文书内容": own.summary if own is not None else "",
        "证据名称": "、".join(e.description for e in record.evidence) or "现场检查笔录",
        "证据数": str(len(record.evidence)),
        "证据表": evidence_rows(record),
        "法制审核情形": ";".join(grounds) or "不属于《行政处罚法》第五十八条规定的情形",
        "法制审核人员": str(case.reviewer) if case.reviewer_id else "",
        "法律职业资格": case.reviewer.legal_qualification if case.reviewer_id else "",
        "法制审核意见": record.last("review").summary if record.last("review") else "",
        "告知日期": day(case.notified_on),
        "拟处罚内容": case.proposed_penalty,
        "陈述申辩期限": day(case.reply_due),
        "听证权利": (
            "根据第六十三条、第六十四条的规定,你(单位)有权要求举行听证。"
            if case.hearing_offered
            else ""
        ),
        "听证日期": day(hearing.on) if hearing is not None else BLANK_DATE,
        "听证地点": (hearing.place if hearing is not None else "") or "本机关",
        "听证情况": _hearing_text(case, hearing),
        "决定内容": case.decision_text,
        "决定日期": day(case.decided_on),
        "处罚种类": "、".join(rules.PENALTY_KINDS.get(k, k) for k in case.penalty_kinds),
        "罚款金额": yuan(case.fine_amount) or "无",
        "决定书名称": decision_kind.name,
        "决定文号": document_number(case, decision_kind),
        "送达日期": day(case.served_on),
        "送达方式": (
            serve.data.get("method", "直接送达")
            if serve is not None
            else ("当场交付" if case.procedure == m.SIMPLE else "")
        ),
        "缴款期限": day(case.payment_due),
        "缴款日期": day(case.paid_on),
        "实缴金额": yuan(case.paid_amount),
        "加处罚款": yuan(surcharge) or "0元",
        "加处罚款计至": day(surcharge_until),
        "人民法院": (applied.data.get("court") if applied is not None else "")
        or "有管辖权的人民法院",
        "执行情况": executed,
        "撤销理由": drop.data.get("reason", drop.summary) if drop is not None else "",
        "结案日期": day(case.closed_on),
        "归档日期": day(case.archived_on),
        "卷内目录": record.index_rows,
        "文书份数": str(len(record.index_rows)),
        "备考说明": ";".join(notes) or "无",
        "立卷人": str(case.created_by),
    }
