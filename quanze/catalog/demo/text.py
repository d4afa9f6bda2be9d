"""Staged duties (责任事项) and accountability cases (追责情形) as county lists word them.

Published lists repeat one wording per power type (see the Mingguang and Anshun
samples in /work/shared/data); so do these.
"""

_PENALTY_DUTIES = (
    "1.立案责任:发现涉嫌违法行为,予以审查,决定是否立案。\n"
    "2.调查责任:对立案的案件,指定专人负责,及时组织调查取证,与当事人有直接利害关系的应当回避。\n"
    "3.审查责任:对案件违法事实、证据、调查取证程序、法律适用、处罚种类和幅度、当事人陈述和申辩理由等进行审查。\n"
    "4.告知责任:作出行政处罚决定前,告知当事人拟作出处罚的事实、理由、依据及依法享有的陈述、申辩、要求听证等权利。\n"
    "5.决定责任:依法作出处罚决定,制作行政处罚决定书。\n"
    "6.送达责任:行政处罚决定书按法律规定的方式送达当事人。\n"
    "7.执行责任:监督当事人在决定的期限内履行生效的行政处罚决定。\n"
    "8.其他法律法规规章文件规定应履行的责任。"
)
_LICENCE_DUTIES = (
    "1.受理责任:公示依法应当提交的材料,一次性告知补正材料,依法受理或不予受理。\n"
    "2.审查责任:对申请材料进行审查,提出审查意见,必要时组织现场勘验。\n"
    "3.决定责任:作出准予许可或不予许可的决定,不予许可的说明理由。\n"
    "4.送达责任:准予许可的制发许可文书,依法送达并公开。\n"
    "5.事后监管责任:加强对被许可人从事许可事项活动的监督检查。\n"
    "6.其他法律法规规章文件规定应履行的责任。"
)
_OTHER_DUTIES = (
    "1.受理(启动)责任:依法受理申请或依职权启动。\n"
    "2.审查责任:对相关材料和情况进行审查核实。\n"
    "3.决定责任:依法作出决定并说明理由。\n"
    "4.送达责任:依法送达并公开。\n"
    "5.事后监管责任:跟踪落实情况,依法处理发现的问题。\n"
    "6.其他法律法规规章文件规定应履行的责任。"
)
_ACCOUNTABILITY = (
    "因不履行或不正确履行行政职责,有下列情形的,行政机关及相关工作人员应承担相应责任:\n"
    "1.对符合法定条件的申请不予受理、不予办理,或者对不符合法定条件的予以办理的;\n"
    "2.没有法律和事实依据实施{act}的;\n"
    "3.违反法定程序实施{act}的;\n"
    "4.在履行职责过程中滥用职权、玩忽职守、徇私舞弊的;\n"
    "5.索取或者收受他人财物或者谋取其他利益的;\n"
    "6.其他违反法律法规规章文件规定的行为。"
)


def duties_text(power_type: str) -> str:
    if power_type == "行政处罚":
        return _PENALTY_DUTIES
    if power_type == "行政许可":
        return _LICENCE_DUTIES
    return _OTHER_DUTIES


def accountability_text(power_type: str) -> str:
    act = power_type.removeprefix("行政") if power_type.startswith("行政") else "该事项"
    return _ACCOUNTABILITY.format(act=act)
