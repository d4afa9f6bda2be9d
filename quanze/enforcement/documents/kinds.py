"""The document set (格式文书) as data: each kind's name, its 文号 word, the step of the case
log that produces it, when it is available, and the body of its default template.

Pure: no database. `Progress` is what a kind's condition looks at (the case, the actions
in its log, its evidence); `KINDS` is in lifecycle order, which is also the order of the
case file (案卷). A body is a tuple of blocks, which `defaults.py` lays out in Word:

- `P(text)`: a paragraph (first line indented), `C(text)` centred, `S(*lines)` right-aligned
  lines (signature, seal, date);
- `F((label, value), ...)`: a two-column form table;
- `R(headers, name)`: a list table whose one pattern row holds `{name}` (a row placeholder,
  copied once per row by `core/docx_templates.py`).

Texts hold `{占位符}` placeholders; `context.PLACEHOLDERS` says what each one is.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """What decides which documents a case has: the case, the actions in its log, and
    its evidence (whether any item was stored under 先行登记保存)."""

    case: object
    actions: frozenset
    evidence_count: int = 0
    stored: bool = False

    def did(self, *actions: str) -> bool:
        return any(a in self.actions for a in actions)


@dataclass(frozen=True)
class Kind:
    code: str
    name: str
    word: str  # the 文号 word (罚决字); "" for a document without a number
    step: str  # the log action whose date, place and officers the document shows
    when: Callable[[Progress], bool]
    body: tuple
    header: bool = True  # the acting body, the title and the 文号 on top


def P(text: str) -> tuple:  # noqa: N802 (a block constructor reads like the block)
    return ("p", text)


def C(text: str) -> tuple:  # noqa: N802
    return ("c", text)


def S(*lines: str) -> tuple:  # noqa: N802
    return ("s", lines)


def F(*rows: tuple[str, str]) -> tuple:  # noqa: N802
    return ("f", rows)


def R(headers: tuple[str, ...], name: str) -> tuple:  # noqa: N802
    return ("r", headers, name)


SEAL = S("{执法主体}(印章)", "{文书日期}")
PARTY = P("当事人:{当事人}({当事人类型})  证件号码:{证件号码}  住所:{住所}  联系电话:{联系电话}")
ACTING = P("实施方式:{委托说明}。")
OFFICERS = P("执法人员:{执法人员1}(执法证号:{执法证号1})、{执法人员2}(执法证号:{执法证号2})")
REMEDIES = P(
    "如不服本决定,可以在收到本决定书之日起六十日内依法申请行政复议,"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)
EVIDENCE_TABLE = R(("序号", "证据名称及内容", "种类", "收集时间", "收集地点", "收集人"), "证据表")
CASE_FORM = (
    ("案件编号", "{案件编号}"),
    ("案由", "{案由}"),
    ("当事人", "{当事人}({当事人类型})"),
    ("执法事项", "{执法事项}"),
)


def always(p: Progress) -> bool:
    return True


def penalised(p: Progress) -> bool:
    return p.case.outcome == "penalty"


def fine_outstanding(p: Progress) -> bool:
    """A fine served and not paid on time (催告 and 加处罚款 of 行政强制法 arts. 45, 54)."""
    c = p.case
    return bool(
        c.fine_amount
        and c.served_on
        and (c.paid_on is None or c.surcharge or c.enforcement_applied_on)
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "cover",
        "卷宗封面",
        "",
        "open",
        always,
        (
            C("{执法主体}"),
            C("行政处罚案卷"),
            F(
                *CASE_FORM,
                ("实施方式", "{委托说明}"),
                ("职权依据", "{职权依据}"),
                ("立案日期", "{立案日期}"),
                ("结案日期", "{结案日期}"),
                ("归档日期", "{归档日期}"),
                ("办案单位", "{办案单位}"),
                ("保管期限", "长期"),
            ),
        ),
        header=False,
    ),
    Kind(
        "index",
        "卷内目录",
        "",
        "open",
        always,
        (
            P("案件编号:{案件编号}  案由:{案由}"),
            R(("序号", "文书名称", "文号", "日期", "页号"), "卷内目录"),
        ),
    ),
    Kind(
        "source",
        "案件来源登记表",
        "",
        "open",
        always,
        (
            F(
                ("案源", "{案源}"),
                ("案源说明", "{案源说明}"),
                ("登记日期", "{案发日期}"),
                ("当事人", "{当事人}({当事人类型})"),
                ("证件号码", "{证件号码}"),
                ("联系电话", "{联系电话}"),
                ("住所(地址)", "{住所}"),
                ("地点", "{违法地点}"),
                ("基本情况", "{违法事实}"),
                ("执法事项", "{执法事项}"),
                ("职权依据", "{职权依据}"),
                ("登记人", "{登记人}"),
            ),
        ),
    ),
    Kind(
        "filing",
        "立案审批表",
        "",
        "file",
        always,
        (
            F(
                *CASE_FORM,
                ("案源", "{案源}"),
                ("基本情况", "{违法事实}"),
                ("法律依据", "{法律依据}"),
                ("职权依据", "{职权依据}"),
                ("实施方式", "{委托说明}"),
                ("立案意见", "{立案意见}"),
                ("审批日期", "{立案日期}"),
            ),
        ),
    ),
    Kind(
        "no_filing",
        "不予立案审批表",
        "",
        "drop",
        lambda p: p.did("drop") and p.case.filed_on is None,
        (F(*CASE_FORM, ("不予立案理由", "{撤销理由}"), ("审批日期", "{文书日期}")),),
    ),
    Kind(
        "inquiry",
        "询问笔录",
        "",
        "investigate",
        lambda p: p.did("investigate"),
        (
            P("询问时间:{文书日期}  询问地点:{文书地点}"),
            OFFICERS,
            P("被询问人:{当事人}  证件号码:{证件号码}  联系电话:{联系电话}  住址:{住所}"),
            P(
                "我们是{执法主体}的执法人员,已向你出示执法证件。{委托说明}。现依法就{案由}"
                "一案向你询问调查,请如实回答。你有陈述、申辩和申请执法人员回避的权利。"
            ),
            P("询问内容:{文书内容}"),
            S("被询问人签名:          询问人签名:          记录人签名:          "),
        ),
    ),
    Kind(
        "inspection",
        "现场检查(勘验)笔录",
        "",
        "investigate",
        lambda p: p.did("investigate"),
        (
            P("检查时间:{文书日期}  检查地点:{文书地点}"),
            OFFICERS,
            PARTY,
            P("执法人员已出示执法证件,说明来意。{委托说明}。"),
            P("现场情况:{文书内容}"),
            S("当事人签名:          执法人员签名:          "),
        ),
    ),
    Kind(
        "evidence_register",
        "证据登记保存清单",
        "",
        "investigate",
        lambda p: p.stored,
        (PARTY, EVIDENCE_TABLE, S("当事人签名:          执法人员签名:          ", "{文书日期}")),
    ),
    Kind(
        "preservation",
        "先行登记保存证据通知书",
        "先保通字",
        "investigate",
        lambda p: p.stored,
        (
            P("{当事人}:"),
            P(
                "你(单位)涉嫌{案由},因证据可能灭失或者以后难以取得,根据《中华人民共和国行政处罚法》"
                "第五十六条的规定,本机关决定对下列物品予以先行登记保存。保存期间不得销毁或者转移,"
                "本机关将在七日内作出处理决定。"
            ),
            EVIDENCE_TABLE,
            SEAL,
        ),
    ),
    Kind(
        "correction",
        "责令改正通知书",
        "责改字",
        "investigate",
        lambda p: p.did("investigate"),
        (
            P("{当事人}:"),
            P("经查,你(单位){违法事实}"),
            P(
                "上述行为违反了{法律依据}的规定。根据《中华人民共和国行政处罚法》第二十八条的规定,"
                "现责令你(单位)立即改正上述违法行为。"
            ),
            ACTING,
            SEAL,
        ),
    ),
    Kind(
        "conclusion",
        "案件调查终结报告",
        "",
        "conclude",
        lambda p: p.did("conclude"),
        (
            F(
                *CASE_FORM,
                ("承办人员", "{执法人员及证号}"),
                ("违法事实", "{违法事实}"),
                ("证据", "{证据名称}"),
                ("法律依据", "{法律依据}"),
                ("调查终结意见", "{文书内容}"),
                ("法制审核情形", "{法制审核情形}"),
                ("报告日期", "{文书日期}"),
            ),
        ),
    ),
    Kind(
        "legal_review",
        "法制审核意见书",
        "法审字",
        "review",
        lambda p: p.did("review"),
        (
            F(
                *CASE_FORM,
                ("执法主体", "{执法主体}"),
                ("实施方式", "{委托说明}"),
                ("职权依据", "{职权依据}"),
                ("审核情形", "{法制审核情形}"),
                ("审核意见", "{文书内容}"),
                ("审核人员", "{法制审核人员}"),
                ("法律职业资格证书编号", "{法律职业资格}"),
                ("审核日期", "{文书日期}"),
            ),
        ),
    ),
    Kind(
        "notice",
        "行政处罚事先告知书",
        "罚告字",
        "notify",
        lambda p: p.did("notify"),
        (
            P("{当事人}:"),
            P("经调查,你(单位){违法事实}"),
            P("上述行为违反了{法律依据}的规定。本机关拟作出如下行政处罚:{拟处罚内容}"),
            P(
                "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定,你(单位)有权进行陈述和"
                "申辩。{听证权利}你(单位)应当在{陈述申辩期限}前向本机关提出,逾期视为放弃上述权利。"
            ),
            ACTING,
            SEAL,
        ),
    ),
    Kind(
        "reply",
        "陈述申辩笔录",
        "",
        "notify",
        lambda p: p.did("notify"),
        (
            P("时间:{文书日期}  地点:{文书地点}"),
            P("陈述申辩人:{当事人}  证件号码:{证件号码}"),
            P("承办人员:{执法人员及证号}"),
            P("陈述申辩内容:"),
            P(""),
            S("陈述申辩人签名:          承办人员签名:          "),
        ),
    ),
    Kind(
        "hearing_right",
        "听证告知书",
        "听告字",
        "notify",
        lambda p: p.did("notify") and p.case.hearing_offered,
        (
            P("{当事人}:"),
            P(
                "本机关拟对你(单位)作出{拟处罚内容}的行政处罚。根据《中华人民共和国行政处罚法》第六十三条、"
                "第六十四条的规定,你(单位)有权要求举行听证。如要求听证,应当在{陈述申辩期限}前向本机关"
                "提出,逾期视为放弃听证权利。"
            ),
            SEAL,
        ),
    ),
    Kind(
        "hearing_notice",
        "听证通知书",
        "听通字",
        "request_hearing",
        lambda p: p.did("request_hearing"),
        (
            P("{当事人}:"),
            P(
                "根据你(单位)的申请,本机关定于{听证日期}在{听证地点}就{案由}一案举行听证。"
                "请携带身份证明及有关证据材料准时参加;你(单位)可以委托一至二人代理,"
                "并有申请听证主持人回避的权利。无正当理由拒不出席的,视为放弃听证权利。"
            ),
            SEAL,
        ),
    ),
    Kind(
        "hearing_record",
        "听证笔录",
        "",
        "hold_hearing",
        lambda p: p.did("hold_hearing"),
        (
            P("听证时间:{文书日期}  听证地点:{文书地点}"),
            P("听证人员:{执法人员及证号}"),
            PARTY,
            P("案由:{案由}"),
            P("听证记录:{文书内容}"),
            S("当事人签名:          听证人员签名:          "),
        ),
    ),
    Kind(
        "hearing_report",
        "听证报告",
        "",
        "hold_hearing",
        lambda p: p.did("hold_hearing"),
        (
            F(
                *CASE_FORM,
                ("听证时间", "{文书日期}"),
                ("听证地点", "{文书地点}"),
                ("听证人员", "{执法人员及证号}"),
                ("听证情况", "{文书内容}"),
            ),
        ),
    ),
    Kind(
        "decision_approval",
        "行政处罚决定审批表",
        "",
        "decide",
        lambda p: p.did("decide"),
        (
            F(
                *CASE_FORM,
                ("违法事实", "{违法事实}"),
                ("法律依据", "{法律依据}"),
                ("告知情况", "{告知日期}告知,拟{拟处罚内容}"),
                ("听证情况", "{听证情况}"),
                ("法制审核", "{法制审核意见}"),
                ("决定内容", "{决定内容}"),
                ("审批日期", "{决定日期}"),
            ),
        ),
    ),
    Kind(
        "decision",
        "行政处罚决定书",
        "罚决字",
        "decide",
        lambda p: p.did("decide") and penalised(p),
        (
            PARTY,
            ACTING,
            P("经查,{违法事实}"),
            P("以上事实有{证据名称}等证据证实。"),
            P(
                "你(单位)的上述行为违反了{法律依据}的规定。本机关于{告知日期}告知你(单位)拟作出"
                "行政处罚的事实、理由、依据及依法享有的权利。{听证情况}"
            ),
            P("根据上述规定,本机关决定:{决定内容}(处罚种类:{处罚种类};罚款:{罚款金额})。"),
            P(
                "罚款应当自收到本决定书之日起十五日内缴纳。逾期不缴纳的,每日按罚款数额的百分之三"
                "加处罚款(《中华人民共和国行政处罚法》第七十二条)。"
            ),
            REMEDIES,
            SEAL,
        ),
    ),
    Kind(
        "no_penalty",
        "不予行政处罚决定书",
        "不罚决字",
        "decide",
        lambda p: p.did("decide") and p.case.outcome == "no_penalty",
        (
            PARTY,
            ACTING,
            P("经查,{违法事实}"),
            P("根据《中华人民共和国行政处罚法》第三十三条等规定,本机关决定:{决定内容}"),
            REMEDIES,
            SEAL,
        ),
    ),
    Kind(
        "on_spot",
        "当场行政处罚决定书",
        "当罚决字",
        "decide_on_spot",
        lambda p: p.did("decide_on_spot"),
        (
            PARTY,
            ACTING,
            P("违法时间、地点及事实:{违法事实}({违法地点})"),
            P(
                "你(单位)的上述行为违反了{法律依据}的规定,依据《中华人民共和国行政处罚法》第五十一条,"
            ),
            P("当场作出如下行政处罚:{决定内容}(处罚种类:{处罚种类};罚款:{罚款金额})。"),
            OFFICERS,
            REMEDIES,
            S("当事人签名:          ", "{执法主体}(印章)", "{文书日期}"),
        ),
    ),
    Kind(
        "service",
        "送达回证",
        "",
        "serve",
        lambda p: p.did("serve", "decide_on_spot"),
        (
            F(
                ("送达文书", "{决定书名称} {决定文号}"),
                ("受送达人", "{当事人}"),
                ("送达地点", "{住所}"),
                ("送达方式", "{送达方式}"),
                ("送达日期", "{送达日期}"),
                ("送达人", "{执法人员及证号}"),
                ("受送达人签收", ""),
            ),
        ),
    ),
    Kind(
        "reminder",
        "催告书",
        "催字",
        "serve",
        fine_outstanding,
        (
            P("{当事人}:"),
            P(
                "本机关于{决定日期}作出{决定文号}行政处罚决定,于{送达日期}送达你(单位),"
                "罚款{罚款金额},缴款期限至{缴款期限}。你(单位)逾期未履行。根据《中华人民共和国"
                "行政强制法》第五十四条的规定,现催告你(单位)自收到本催告书之日起十日内履行,"
                "并自逾期之日起每日按罚款数额的百分之三加处罚款(至今{加处罚款})。"
            ),
            P("你(单位)有权进行陈述和申辩。"),
            SEAL,
        ),
    ),
    Kind(
        "surcharge",
        "加处罚款决定书",
        "加罚字",
        "serve",
        fine_outstanding,
        (
            PARTY,
            P(
                "本机关{决定文号}行政处罚决定书对你(单位)处以罚款{罚款金额},缴款期限至{缴款期限}。"
                "你(单位)逾期未缴纳,根据《中华人民共和国行政处罚法》第七十二条第一款的规定,"
                "本机关决定每日按罚款数额的百分之三加处罚款,加处罚款的数额不超过罚款数额,"
                "计至{加处罚款计至}为{加处罚款}。"
            ),
            REMEDIES,
            SEAL,
        ),
    ),
    Kind(
        "enforcement_application",
        "强制执行申请书",
        "强执申字",
        "apply_enforcement",
        lambda p: p.did("apply_enforcement"),
        (
            P("申请人:{执法主体}"),
            P("被申请人:{当事人}  证件号码:{证件号码}  住所:{住所}"),
            P(
                "申请事项:请求依法强制执行本机关{决定文号}行政处罚决定书确定的{决定内容}"
                "(罚款{罚款金额},加处罚款{加处罚款})。"
            ),
            P(
                "事实和理由:本机关于{决定日期}作出上述决定,于{送达日期}送达被申请人。被申请人在法定期限内"
                "未申请行政复议或者提起行政诉讼,经催告仍不履行。根据《中华人民共和国行政处罚法》第七十二条"
                "和《中华人民共和国行政强制法》第五十三条的规定,特申请强制执行。"
            ),
            P("此致 {人民法院}"),
            SEAL,
        ),
    ),
    Kind(
        "execution",
        "行政处罚执行情况记录",
        "",
        "execute",
        lambda p: p.did("pay", "execute"),
        (
            F(
                *CASE_FORM,
                ("决定内容", "{决定内容}"),
                ("缴款日期", "{缴款日期}"),
                ("实缴罚款", "{实缴金额}"),
                ("加处罚款", "{加处罚款}"),
                ("执行情况", "{执行情况}"),
            ),
        ),
    ),
    Kind(
        "revoke_filing",
        "撤销立案审批表",
        "",
        "drop",
        lambda p: p.did("drop") and p.case.filed_on is not None,
        (
            F(
                *CASE_FORM,
                ("立案日期", "{立案日期}"),
                ("撤销立案理由", "{撤销理由}"),
                ("审批日期", "{文书日期}"),
            ),
        ),
    ),
    Kind(
        "transfer",
        "案件移送书",
        "移字",
        "drop",
        lambda p: p.did("drop"),
        (
            P("有管辖权的机关:"),
            P(
                "本机关在办理{当事人}{案由}一案中,{撤销理由}。根据《中华人民共和国行政处罚法》"
                "第二十七条等规定,现将该案移送你单位依法处理。"
            ),
            P("附:案件材料{证据数}件。"),
            SEAL,
        ),
    ),
    Kind(
        "closing",
        "结案报告",
        "",
        "close",
        lambda p: p.did("close"),
        (
            F(
                *CASE_FORM,
                ("立案日期", "{立案日期}"),
                ("决定内容", "{决定内容}"),
                ("执行情况", "{执行情况}"),
                ("结案意见", "{文书内容}"),
                ("结案日期", "{结案日期}"),
            ),
        ),
    ),
    Kind(
        "evidence_list",
        "证据目录",
        "",
        "open",
        always,
        (P("案件编号:{案件编号}  证据共{证据数}件"), EVIDENCE_TABLE),
    ),
    Kind(
        "remarks",
        "备考表",
        "",
        "archive",
        always,
        (
            P("本卷共有文书{文书份数}份,证据{证据数}件。"),
            P("说明:{备考说明}"),
            S("立卷人:{立卷人}", "检查人:          ", "立卷时间:{归档日期}"),
        ),
    ),
)

BY_CODE = {kind.code: kind for kind in KINDS}
# The pieces that frame the case file rather than record a step of it.
COVER, INDEX, REMARKS = "cover", "index", "remarks"


def available(progress: Progress) -> list[Kind]:
    """The kinds the case has now, in lifecycle order."""
    return [kind for kind in KINDS if kind.when(progress)]
