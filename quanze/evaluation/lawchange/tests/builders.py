"""A small province for the law-change tests: the act 《城市道路管理条例》 with 45 articles,
powers citing its articles 27 and 42 (and another act), and every kind of list holding them.

- `p42` (城管局, 平阴县) cites 第四十二条: in the county's guiding catalog (published, with
  an older superseded version), 锦水街道's township list, 锦水街道's duty list, the county's
  territorial list, a discretion benchmark and a guiding case;
- `p27` (城管局) cites 第二十七条 (2019 text): in 玫瑰镇's township list;
- `foreign` (商河县) cites 第四十二条: in 商河县's guiding catalog;
- `other_act` cites another act only.
"""

from datetime import date
from types import SimpleNamespace

from quanze.catalog.catalogs import services as catalogs
from quanze.catalog.models import Catalog
from quanze.catalog.powers import services as powers
from quanze.duties.dutylists.models import DutyEntry, DutyList, DutyVersion
from quanze.duties.territorial.models import (
    Matter,
    ResponsibilityItem,
    ResponsibilityList,
    ResponsibilityVersion,
)
from quanze.enforcement.benchmarks.models import Benchmark, BenchmarkItem, BenchmarkVersion
from quanze.enforcement.guidance.models import GuidingCase
from quanze.evaluation.lawchange import services
from quanze.evaluation.lawchange.parsing import chinese_numeral
from quanze.testing import factories as f

ACT = "城市道路管理条例"


def act_text(count: int = 45) -> str:
    lines = ["城市道路管理条例", "第一章 总则"]
    for n in range(1, count + 1):
        if n == 10:
            lines.append("第二章 规划和建设")
        lines.append(f"第{chinese_numeral(n)}条 第{n}条的内容。")
    return "\n".join(lines)


def _power(cast, owner, code, basis, department):
    return powers.power_create(
        by=None, owner=owner, code=code, name=f"事项{code}", power_type=f.power_type(),
        field=f.field(), department=department, legal_basis=basis,
    )  # fmt: skip


def _catalog(owner, name, kind, entries, *, versions=1, department=None):
    catalog = catalogs.catalog_create(
        by=None, name=name, kind=kind, owner=owner, department=department
    )
    for number in range(versions):
        draft = catalogs.version_draft(by=None, catalog=catalog)
        catalogs.version_set_entries(by=None, version=draft, entries=[(p, "") for p in entries])
        catalogs.version_publish(by=None, version=draft, effective_date=date(2025, 1, 1 + number))
    return catalog


def build(cast) -> SimpleNamespace:
    w = SimpleNamespace(cast=cast)
    w.act = services.act_create(
        by=cast.reviewer, title=ACT, rank="行政法规", effective_date=date(2019, 3, 24),
        issuing_body="国务院", text=act_text(),
    )  # fmt: skip
    w.p42 = _power(cast, cast.county, "D42", f"【行政法规】《{ACT}》第四十二条 违反……", cast.urban)
    w.p27 = _power(cast, cast.county, "D27", f"《{ACT}》(2019年修订)第二十七条", cast.urban)
    w.foreign = _power(cast, cast.other_county, "S42", f"《{ACT}》第42条第1款", cast.other_dept)
    w.other_act = _power(cast, cast.county, "X01", "《城乡规划法》第六十四条", cast.land)
    _catalog(cast.county, "平阴县指导目录", Catalog.Kind.GUIDING, [w.p42, w.other_act],
             versions=2)  # fmt: skip
    _catalog(cast.town_a, "锦水街道权责清单", Catalog.Kind.TOWNSHIP_LIST, [w.p42])
    _catalog(cast.town_b, "玫瑰镇权责清单", Catalog.Kind.TOWNSHIP_LIST, [w.p27])
    _catalog(cast.other_county, "商河县指导目录", Catalog.Kind.GUIDING, [w.foreign])
    duty_list = DutyList.objects.create(township=cast.town_a, name="锦水街道履职事项清单")
    duty_version = DutyVersion.objects.create(duty_list=duty_list, number=1, status="published")
    DutyEntry.objects.create(version=duty_version, position=1, name="道路占用管理",
                             duty_class="basic", power=w.p42, lead_department=cast.urban)  # fmt: skip
    resp = ResponsibilityList.objects.create(county=cast.county, name="平阴县属地管理责任清单")
    resp_version = ResponsibilityVersion.objects.create(
        responsibility_list=resp, number=1, status="draft"
    )
    matter = Matter.objects.create(county=cast.county, code="M1", name="占道经营")
    item = ResponsibilityItem.objects.create(
        version=resp_version, matter=matter, position=1, primary_department=cast.urban
    )
    item.powers.add(w.p42)
    benchmark = Benchmark.objects.create(county=cast.county, name="平阴县城管裁量基准")
    bench_version = BenchmarkVersion.objects.create(benchmark=benchmark, number=1,
                                                    status="published")  # fmt: skip
    BenchmarkItem.objects.create(version=bench_version, position=1, power=w.p42, conduct="占道")
    case = GuidingCase.objects.create(county=cast.county, title="占道经营案", facts="事实",
                                      status="published")  # fmt: skip
    case.powers.add(w.p42)
    return w
