"""The units of the demo county and the name stock the generator draws from."""

from dataclasses import dataclass

from quanze.org.validators import credit_code_check_char


@dataclass(frozen=True)
class DepartmentSpec:
    key: str
    suffix: str  # the name after the county's name: 平阴县 + 城市管理局
    short_name: str
    field: str  # the policy field its powers fall in
    letters: str  # the two-letter business code used in power codes (62052400MZ-XK-0001)


# The 31 departments of a county government as county lists name them (cf. source 003).
DEPARTMENTS: list[DepartmentSpec] = [
    DepartmentSpec(*row)
    for row in [
        ("zj", "住房和城乡建设局", "县住建局", "住房城乡建设", "ZJ"),
        ("cg", "城市管理局", "县城管局", "城市管理", "CG"),
        ("zr", "自然资源局", "县自然资源局", "自然资源", "ZR"),
        ("sh", "生态环境分局", "县生态环境分局", "生态环境", "HB"),
        ("sc", "市场监督管理局", "县市场监管局", "市场监管", "SC"),
        ("yj", "应急管理局", "县应急局", "应急管理", "YJ"),
        ("ny", "农业农村局", "县农业农村局", "农业农村", "NY"),
        ("sl", "水利局", "县水利局", "水利", "SL"),
        ("jt", "交通运输局", "县交通运输局", "交通运输", "JT"),
        ("ws", "卫生健康局", "县卫健局", "卫生健康", "WJ"),
        ("mz", "民政局", "县民政局", "民政", "MZ"),
        ("rs", "人力资源和社会保障局", "县人社局", "人力资源社会保障", "RS"),
        ("wl", "文化和旅游局", "县文旅局", "文化旅游", "WL"),
        ("jy", "教育和体育局", "县教体局", "教育", "JY"),
        ("ga", "公安局", "县公安局", "公安", "GA"),
        ("ly", "林业局", "县林业局", "林业草原", "LY"),
        ("xf", "消防救援大队", "县消防救援大队", "消防救援", "XF"),
        ("rf", "人民防空办公室", "县人防办", "人防", "RF"),
        ("fg", "发展和改革局", "县发改局", "其他", "FG"),
        ("cz", "财政局", "县财政局", "其他", "CZ"),
        ("sf", "司法局", "县司法局", "司法行政", "SF"),
        ("sj", "审计局", "县审计局", "其他", "SJ"),
        ("tj", "统计局", "县统计局", "其他", "TJ"),
        ("yb", "医疗保障局", "县医保局", "医疗保障", "YB"),
        ("ty", "退役军人事务局", "县退役军人局", "退役军人事务", "TY"),
        ("sp", "行政审批服务局", "县行政审批局", "其他", "SP"),
        ("gx", "工业和信息化局", "县工信局", "其他", "GX"),
        ("sw", "商务局", "县商务局", "其他", "SW"),
        ("kj", "科学技术局", "县科技局", "其他", "KJ"),
        ("qx", "气象局", "县气象局", "其他", "QX"),
        ("zf", "综合行政执法局", "县综合执法局", "城市管理", "ZF"),
    ]
]
DEPARTMENT_BY_KEY = {d.key: d for d in DEPARTMENTS}


def credit_code(county_code: str, index: int) -> str:
    """A valid unified social credit code of a government organ (登记管理部门1, 机关1)."""
    body = f"11{county_code[:6]}MB{index:07d}"
    return body + credit_code_check_char(body)


# The demo county: 山东省济南市平阴县 (division codes 37 / 3701 / 370124). Its real
# subdistricts and towns come first; the others are invented so that the county
# has the 20 townships of source 000. (code suffix, name, kind, developed, pilot)
DEMO_TOWNSHIPS = [
    ("001", "榆山街道", "subdistrict", False, False),
    ("002", "锦水街道", "subdistrict", False, True),
    ("003", "青龙街道", "subdistrict", False, False),
    ("004", "凤凰街道", "subdistrict", False, False),
    ("100", "东阿镇", "town", False, True),
    ("101", "孝直镇", "town", True, True),
    ("102", "孔村镇", "town", True, True),
    ("103", "洪范池镇", "town", False, False),
    ("104", "玫瑰镇", "town", False, True),
    ("105", "安城镇", "town", False, False),
    ("106", "栾湾镇", "town", False, False),
    ("107", "店子镇", "town", False, False),
    ("108", "李沟镇", "town", False, False),
    ("109", "刁山坡镇", "town", False, False),
    ("110", "马套镇", "town", False, False),
    ("111", "柳林镇", "town", False, False),
    ("112", "石洞镇", "town", False, False),
    ("113", "狼溪河镇", "town", False, False),
    ("200", "胡庄乡", "xiang", False, False),
    ("201", "王庄乡", "xiang", False, False),
]

# Name stock for generated divisions: two characters make a place name.
PLACE_FIRST = "东西南北中新安平宁永长临高青泰昌兴德福寿清河乐和明华金玉龙凤云山"
PLACE_SECOND = "阳城山水川口庄集桥店河湖泉原岭陵沟坡桥堡台营阴丘川峪湾州乡屯"
