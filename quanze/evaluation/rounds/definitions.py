"""The indicators of an evaluation round: their Chinese names and definitions (printed on
the report), the weights of the composite score and the rules' thresholds, with their
defaults; a round stores its own weights and thresholds (`Round.weights`, `.thresholds`)."""

from dataclasses import dataclass

from quanze.enforcement.statistics.exercise import DEFINITION as EXERCISE_DEFINITION


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    text: str
    weighted: bool = False


DEFINITIONS = (
    Definition("exercise", "行权率", EXERCISE_DEFINITION, weighted=True),
    Definition("cases", "案件数", "评估期内以该事项登记的案件数(不予立案的除外)。"),
    Definition(
        "response",
        "响应率",
        "按时接收的派发次数 ÷ 派发次数。派发:评估期内关联该事项的属地事项的事件派发给"
        "主责或兜底部门(属地事项通过属地管理事项清单的“关联职权”与事项对应)。",
        weighted=True,
    ),
    Definition(
        "resolution",
        "解决率",
        "已办结且群众未表示不满意的派发次数 ÷ 派发次数(与派发指挥统计口径一致)。",
        weighted=True,
    ),
    Definition(
        "satisfaction",
        "满意率",
        "群众评价为满意的事件派发次数 ÷ 参与评价的派发次数。",
        weighted=True,
    ),
    Definition("sent_back", "退回次数", "评估期内被承办部门退回的派发次数。"),
    Definition(
        "disputes",
        "争议(败诉)",
        "评估期内提出的职责争议数;括号内为裁定部门败诉数。清单纠错:裁定后修正了清单的争议数。",
    ),
    Definition("close_hours", "平均办结用时", "已办结派发从派发到办结的平均小时数。"),
    Definition(
        "declined",
        "认领退回",
        "赋权认领时该乡镇(街道)对该事项选择“不认领”(已提交或已确认的认领)。",
    ),
    Definition(
        "certified",
        "持证执法人员",
        "评估期末在岗、执法证有效且执法领域包含该事项所属领域的本乡镇(街道)执法人员数;"
        "计分时2人及以上为满分。",
        weighted=True,
    ),
    Definition(
        "capacity",
        "承接能力自评",
        "乡镇(街道)自评:装备条件、承接难度(反向)、承办人员(5人及以上满分)三项各5分,折算为百分制。",
        weighted=True,
    ),
    Definition(
        "opinion", "部门评价", "县直部门对乡镇承接效果的评价(1-5分),折算为百分制。", weighted=True
    ),
    Definition("public", "群众评价", "群众满意度调查得分(0-100)。", weighted=True),
    Definition(
        "score",
        "综合得分",
        "各计分指标(百分制)按本轮权重加权平均;某项指标无数据时不参与加权。",
    ),
)
BY_KEY = {d.key: d for d in DEFINITIONS}
WEIGHTED = tuple(d.key for d in DEFINITIONS if d.weighted)

DEFAULT_WEIGHTS = {
    "exercise": 30,
    "satisfaction": 20,
    "response": 10,
    "resolution": 10,
    "certified": 10,
    "capacity": 10,
    "opinion": 5,
    "public": 5,
}

# name, Chinese label, default, lowest, highest
THRESHOLDS = (
    ("return_rate", "行权率不高于该值(%)时建议收回", 0, 0, 100),
    ("return_share", "申请退回的乡镇占比达到该值(%)时建议收回", 50, 1, 100),
    ("satisfaction_min", "满意率低于该值(%)时建议调整主责单位", 60, 0, 100),
    ("rated_min", "参与评价的派发不少于该数时才按满意率判断", 5, 1, 100000),
    ("add_min", "申请新增的乡镇不少于该数时建议新增", 1, 1, 100000),
)
DEFAULT_THRESHOLDS = {name: default for name, _label, default, _lo, _hi in THRESHOLDS}


def clean_weights(raw) -> dict[str, int]:
    """The weights a round may store: every weighted indicator, a whole number 0-100, and
    not all zero. Raises ValueError with a Chinese message naming the indicator."""
    if not isinstance(raw, dict):
        raise ValueError("指标权重:应为“指标: 权重”的对应表")
    unknown = sorted(set(raw) - set(WEIGHTED))
    if unknown:
        raise ValueError(f"指标权重:未知指标 {'、'.join(unknown)}")
    weights = {}
    for key in WEIGHTED:
        value = raw.get(key, DEFAULT_WEIGHTS[key])
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ValueError(f"指标权重:{BY_KEY[key].name}应为0至100的整数")
        weights[key] = value
    if not any(weights.values()):
        raise ValueError("指标权重:至少一项指标的权重应大于0")
    return weights


def clean_thresholds(raw) -> dict[str, int]:
    """The thresholds a round may store, each within its range (Chinese errors)."""
    if not isinstance(raw, dict):
        raise ValueError("建议规则阈值:应为“规则: 数值”的对应表")
    labels = {name: label for name, label, *_ in THRESHOLDS}
    unknown = sorted(set(raw) - set(labels))
    if unknown:
        raise ValueError(f"建议规则阈值:未知规则 {'、'.join(unknown)}")
    out = {}
    for name, label, default, low, high in THRESHOLDS:
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"建议规则阈值:“{label}”应为{low}至{high}的整数")
        out[name] = value
    return out
