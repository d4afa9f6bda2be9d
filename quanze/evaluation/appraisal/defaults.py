"""The criteria a new round starts with (the office edits them while the round is a draft).

Townships score departments on the five powers over the stationed bodies (002: 指挥调度、
人员管理、资源调配、工作考核、任免意见) and on their service; where the system records the
fact (whistles, send-backs, disputes, the squads' appraisals, the consent to appoint a
squad's head) the criterion is computed, elsewhere it is scored by form.
"""

from quanze.evaluation.appraisal.models import Criterion, Direction

T2D, D2T = Direction.TOWNSHIP_SCORES, Direction.DEPARTMENT_SCORES
P = Criterion.Power

# (direction, name, fact key or "", power, weight)
DEFAULT_CRITERIA = [
    (T2D, "指挥调度:派驻机构服从乡镇统一指挥调度", "", P.COMMAND, 15),
    (T2D, "人员管理:派驻人员日常管理与考勤配合", "", P.STAFF, 10),
    (T2D, "资源调配:经费、装备向乡镇倾斜", "", P.RESOURCES, 10),
    (T2D, "服务基层:业务指导与培训支持", "", "", 15),
    (T2D, "吹哨报到按时率", "whistles_on_time", P.COMMAND, 15),
    (T2D, "事件未退回率", "send_backs", "", 10),
    (T2D, "争议裁定胜诉率", "disputes_lost", "", 5),
    (T2D, "派驻中队乡镇考评得分", "squad_appraisals", P.WORK, 10),
    (T2D, "派驻机构负责人任免征得同意率", "head_consents", P.HEAD, 10),
    (D2T, "承接能力:赋权事项承接与规范行使", "", "", 30),
    (D2T, "配合支持:执法协作与信息共享", "", "", 25),
    (D2T, "退回争议裁定支持率", "township_disputes", "", 20),
    (D2T, "群众满意率", "township_satisfaction", "", 25),
]
