"""Name stock for scenario 004 (source 004: 常州's five pilot towns' duty lists).

Basic duties are the township's own work (topic × how it is carried out); cooperating
and returned items are drawn from the territorial matters of scenario 002, phrased
as township lists phrase them; newly delegated items are county powers of the
demo catalog.
"""

# Published averages of the five pilot lists (source 004), as counts per town that the
# scenario's items are generated to; the report recomputes the averages from the data.
COUNTS = {
    "basic": [128, 135, 131, 138, 133],  # 665 / 5 = 133
    "cooperating": [80, 84, 79, 86, 81],  # 410 / 5 = 82
    "returned": [110, 115, 108, 116, 111],  # 560 / 5 = 112
    "new": [3, 4, 2, 5, 3],  # 17 / 5 = 3.4
}

BASIC_TOPICS = """
基层党组织建设 党员教育管理 村(社区)两委班子建设 意识形态工作 精神文明建设 新时代文明实践
统一战线工作 群团组织建设 党风廉政建设 招商引资 重点项目建设服务 营商环境优化
统计调查 财政预算管理 村级集体经济发展 乡村振兴 粮食生产 防止返贫动态监测
社会救助申请受理 养老服务 残疾人服务 退役军人服务 就业创业服务 社会保险经办
医疗保障经办 公共文化服务 全民健身 基本公共卫生服务 人口监测 平安建设
矛盾纠纷排查化解 信访工作 网格化服务管理 综治中心运行 普法宣传 人民调解
应急值守 防汛防台 村容村貌整治 农村人居环境长效管护 河湖日常巡查 生活垃圾治理
农村公路日常管护 国防动员和民兵工作 征兵工作 民族宗教事务 档案管理 政务公开
""".split()  # noqa: SIM905

BASIC_WAYS = ["统筹推进", "组织实施", "指导督促", "宣传动员"]
BASIC_RAW = "{topic}相关工作(镇里一直在做)"

COOPERATING_NAME = "配合{dept}做好{matter}工作"
COOPERATING_RAW = "协助{short}搞{matter}"
RETURNED_NAME = "{matter}的监督检查和行政处罚"
RETURNED_RAW = "替{short}开展{matter}检查执法"
RETURN_REASONS = [
    ("basis", "法律法规未赋予乡镇(街道)该项职权,依据不充分"),
    ("capacity", "专业性强,乡镇(街道)缺乏执法力量和技术手段,难以有效实施"),
]
TAKEOVERS = [
    "由{dept}直接履行,乡镇(街道)发现问题后通过吹哨报到平台报告",
    "由{dept}派驻力量承担,乡镇(街道)配合提供线索和现场信息",
    "由{dept}按条线组织实施,乡镇(街道)不再承担考核任务",
]
NEW_RAW = "承接县里下放的{power}"

UP_OBJECTION = "建议作为配合事项由乡镇(街道)继续承担日常巡查"
UP_OBJECTION_ANSWER = "乡镇(街道)无该项执法权限和专业力量,维持收回,由部门承接"
DOWN_FEEDBACK = "同意收回事项及承接方式,建议部门明确对接科室和联系人"
UP_AGREEMENT = "无意见"
