"""Benchmark tables in the justice bureau's published layout, for tests.

The legal texts are real; the tier split of the statutory range is the usual
one of Chinese benchmarks (从轻 the lower part, 一般 the middle, 从重 the upper part),
written for these tests, not copied from one county's table:

- 擅自占用城市道路: 《城市道路管理条例》(国务院令第198号, 2019年修订) 第二十七条第(一)项,
  第四十二条 "……责令限期改正,可以处以2万元以下的罚款". The 首违不罚 row's conditions are
  those of the 首违免罚 rows of the published 《城市管理领域轻微违法行为包容免罚清单》
  (序号3, 对擅自在桥梁或者路灯设施上设置广告牌的处罚: "1.初次违法; 2.及时改正;
  3.危害后果轻微; 4.当事人积极配合检查调查"); the 从轻 conditions follow
  《行政处罚法》(2021) 第三十二条.
- 违法建设: 《中华人民共和国城乡规划法》第四十条第一款, 第六十四条 "……尚可采取改正措施
  消除对规划实施的影响的,限期改正,处建设工程造价百分之五以上百分之十以下的罚款".
"""

from pathlib import Path

HEADER = [
    "序号",
    "事项编码",
    "违法行为",
    "法律依据",
    "处罚依据",
    "裁量阶次",
    "适用情形",
    "处罚标准",
]
ROAD_BASIS = "《城市道路管理条例》第二十七条第(一)项"
ROAD_PENALTY = (
    "《城市道路管理条例》第四十二条 违反本条例第二十七条规定……由市政工程行政主管部门"
    "或者其他有关部门责令限期改正,可以处以2万元以下的罚款"
)
FIRST_OFFENCE = "1.初次违法;2.及时改正;3.危害后果轻微;4.当事人积极配合检查调查"
LIGHTER = (
    "具有下列情形之一的:(一)主动消除或者减轻违法行为危害后果的;"
    "(二)受他人胁迫或者诱骗实施违法行为的;(三)配合行政机关查处违法行为有立功表现的"
)
HEAVIER = "具有下列情形之一的:(一)一年内因同一违法行为受过行政处罚的;(二)拒不改正的"
BUILD_BASIS = "《中华人民共和国城乡规划法》第四十条第一款"
BUILD_PENALTY = (
    "《中华人民共和国城乡规划法》第六十四条 ……尚可采取改正措施消除对规划实施的影响的,"
    "限期改正,处建设工程造价百分之五以上百分之十以下的罚款"
)


def rows(
    *,
    road_code: str = "330217D02",
    build_code: str = "330217D01",
    general_build: str = "处建设工程造价百分之七以上百分之九以下的罚款",
) -> list[list[str]]:
    """Two items: 擅自占用城市道路 (fixed amounts, 首违不罚) and 违法建设 (工程造价 %)."""
    road = ["1", road_code, "擅自占用城市道路", ROAD_BASIS, ROAD_PENALTY]
    build = ["2", build_code, "未取得建设工程规划许可证进行建设", BUILD_BASIS, BUILD_PENALTY]
    return [
        [*road, "首违不罚", FIRST_OFFENCE, "不予行政处罚"],
        [*road, "从轻", LIGHTER, "处6000元以下罚款"],
        [*road, "一般", "", "处6000元以上1.4万元以下罚款"],
        [*road, "从重", HEAVIER, "处1.4万元以上2万元以下罚款"],
        [
            *build,
            "从轻",
            "具有下列情形之一的:(一)主动消除或者减轻违法行为危害后果的;(二)在限期内完成改正的",
            "处建设工程造价百分之五以上百分之七以下的罚款",
        ],
        [*build, "一般", "", general_build],
        [*build, "从重", "拒不停止建设的", "处建设工程造价百分之九以上百分之十以下的罚款"],
    ]


def write(
    path: Path, body: list[list], *, title: str = "平阴县城市管理行政处罚裁量基准", merge=True
):
    """An .xlsx as published: a merged title row, the header, the item cells merged."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "裁量基准"
    sheet.append([title])
    sheet.merge_cells("A1:H1")
    sheet.append(HEADER)
    start = 3
    for row in body:
        sheet.append(row)
    if merge:
        # merge 序号..处罚依据 over each item's rows, as published tables do
        line = start
        while line < start + len(body):
            end = line
            while (
                end + 1 < start + len(body) and body[end + 1 - start][:5] == body[line - start][:5]
            ):
                end += 1
            if end > line:
                for col in range(1, 6):
                    sheet.merge_cells(start_row=line, start_column=col, end_row=end, end_column=col)
            line = end + 1
    workbook.save(path)
    return path
