"""The law-change API (thin): the same selectors and services as the pages."""

from datetime import date, datetime
from typing import Annotated

from django.core.paginator import Paginator
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from quanze.catalog.powers.citations import RANKS
from quanze.core.api_safety import Offset, choice
from quanze.core.listing import PAGE_SIZES
from quanze.evaluation.adjustment.api import AdjustmentProjectOut, OpenFromIn, project_out
from quanze.evaluation.lawchange import selectors, services
from quanze.evaluation.lawchange.models import LawChange
from quanze.evaluation.lawchange.parsing import parse_article_list

router = Router(tags=["法规立改废释"])
Year = Annotated[int, Field(ge=1949, le=2100)]


class ActOut(Schema):
    id: int
    title: str
    aliases: str
    rank: str
    issuing_body: str


class ActIn(Schema):
    title: str
    rank: choice(list(RANKS))
    effective_date: date
    issuing_body: str = ""
    aliases: str = ""
    document_number: str = ""
    text: str = ""


class ArticlesIn(Schema):
    text: str


class ArticleOut(Schema):
    number: int
    sub: int
    chapter: str
    text: str


class LawChangeIn(Schema):
    kind: choice(LawChange.Kind)
    effective_from: date
    articles: str = ""
    document_number: str = ""
    summary: str = ""
    text: str = ""


class LawChangeOut(Schema):
    id: int
    act_id: int
    kind: str
    articles: list[str]
    effective_from: date
    document_number: str
    summary: str
    recorded_at: datetime
    rows_found: int
    units_notified: int


class ImpactRow(Schema):
    kind: str
    kind_label: str
    list_name: str
    version: str
    code: str
    name: str
    articles: str
    division: str
    department: str


class ImpactPage(Schema):
    count: int
    page: int
    counts: dict[str, int]
    items: list[ImpactRow]


class SpecOut(Schema):
    kind: str
    power_id: int | None
    reason: str
    facts: str
    effective_from: date | None
    source: str
    articles: list[str]


def _require_reader(user) -> None:
    if not selectors.can_read_impacts(user):
        raise HttpError(403, "无权查看法规变更的影响")


def _page(rows, page, size):
    found = Paginator(rows, size if size in PAGE_SIZES else PAGE_SIZES[0]).get_page(page)
    counts = {kind: n for kind, _label, n in selectors.kind_counts(rows)}
    return {"count": found.paginator.count, "page": found.number, "counts": counts,
            "items": list(found)}  # fmt: skip


@router.get("/laws", response=list[ActOut], auth=django_auth, summary="法律法规目录")
def act_list(request, q: str = "", page: Offset = 1):
    return list(Paginator(selectors.act_list(request.user, q=q), 50).get_page(page))


@router.post("/laws", response={201: ActOut}, auth=django_auth, summary="登记法律法规(司法局)")
def act_create(request, payload: ActIn):
    return Status(201, services.act_create(by=request.user, **payload.dict()))


@router.get("/laws/{act_id}/articles", response=list[ArticleOut], auth=django_auth,
            summary="现行版本的条文")  # fmt: skip
def act_articles(request, act_id: int):
    act = selectors.access_act(request.user, act_id)
    return list(selectors.act_articles(selectors.current_version(act)))


@router.put("/laws/{act_id}/articles", response=dict, auth=django_auth,
            summary="从文本导入条文(司法局)")  # fmt: skip
def articles_import(request, act_id: int, payload: ArticlesIn):
    act = selectors.access_act(request.user, act_id)
    return {"articles": services.articles_import(by=request.user, act=act, text=payload.text)}


@router.post("/laws/{act_id}/changes", response={201: LawChangeOut}, auth=django_auth,
             summary="记录修改、废止或解释(司法局)")  # fmt: skip
def change_create(request, act_id: int, payload: LawChangeIn):
    act = selectors.access_act(request.user, act_id)
    data = payload.dict()
    data["articles"] = parse_article_list(data["articles"])
    return Status(201, services.change_record_save(by=request.user, act=act, **data))


@router.get("/law-changes/{change_id}/impact", response=ImpactPage, auth=django_auth,
            summary="法规变更影响的事项(按本人权限)")  # fmt: skip
def change_impact(
    request,
    change_id: int,
    kind: choice(selectors.KINDS, blank=True) = "",
    page: Offset = 1,
    size: Offset = 50,
):
    change = selectors.access_change(request.user, change_id)
    _require_reader(request.user)
    return _page(selectors.change_impact(request.user, change, kind=kind), page, size)


@router.get("/law-changes/{change_id}/specs", response=list[SpecOut], auth=django_auth,
            summary="据此变更应作的调整(编办)")  # fmt: skip
def change_specs(request, change_id: int):
    change = selectors.access_change(request.user, change_id)
    if not selectors.can_open_adjustment(request.user):
        raise HttpError(403, "只有编办可以据法规变更发起调整")
    return selectors.change_specs(change, request.user)


@router.post("/law-changes/{change_id}/adjustment", response={201: AdjustmentProjectOut},
             auth=django_auth, summary="据此变更发起本县动态调整(编办)")  # fmt: skip
def change_adjustment_open(request, change_id: int, payload: OpenFromIn):
    change = selectors.access_change(request.user, change_id)
    project = services.adjustment_open(by=request.user, change=change, title=payload.title)
    return Status(201, project_out(project))


@router.get("/laws/{act_id}/citing", response=ImpactPage, auth=django_auth,
            summary="按法规和条文查找引用的事项")  # fmt: skip
def article_search(request, act_id: int, articles: str = "", year: Year | None = None,
                   page: Offset = 1, size: Offset = 50):  # fmt: skip
    act = selectors.access_act(request.user, act_id)
    _require_reader(request.user)
    rows = selectors.article_search(request.user, act, tuple(parse_article_list(articles)),
                                    year=year)  # fmt: skip
    return _page(rows, page, size)
