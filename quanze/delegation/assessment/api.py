"""The API of the assessment: a project's items and matrix, and changing one item's
assessment. Reads go through the access choke points, writes through the services."""

from decimal import Decimal

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.core.views import access_for_write
from quanze.delegation.assessment import selectors
from quanze.delegation.assessment import services as assessing
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.projects.selectors import access_internal_project

router = Router(tags=["赋权:评估、征求意见与合法性审核"], auth=django_auth)


class AssessmentItemOut(Schema):
    id: int
    position: int
    power_id: int
    power: str
    difficulty: Decimal | None
    necessity: Decimal | None
    technical: bool
    dispute_prone: bool
    risk_shifting: bool
    proposed_class: str
    final_class: str
    override_reason: str
    row_version: int


class ItemPatch(Schema):
    row_version: int
    difficulty: Decimal | None = None
    necessity: Decimal | None = None
    flags: dict[str, str] | None = None
    final_class: choice(ItemClass) | None = None
    override_reason: str = ""


def _item(i) -> dict:
    return {
        **{f: getattr(i, f) for f in AssessmentItemOut.model_fields if f != "power"},
        "power": str(i.power),
    }


@router.get("/projects/{project_id}/items", response=list[AssessmentItemOut], summary="事项评估")
def item_list(request, project_id: int):
    project = access_internal_project(request.user, project_id)
    return [_item(i) for i in project.items.select_related("power")]


@router.get("/projects/{project_id}/matrix", summary="难度指数×必要性矩阵")
def item_matrix(request, project_id: int):
    project = access_internal_project(request.user, project_id)
    m = selectors.matrix(project)
    return {
        "unscored": m["unscored"],
        "rows": [
            {"necessity": [str(b) for b in row["necessity"]], "cells": row["cells"]}
            for row in m["rows"]
        ],
    }


@router.patch("/items/{item_id}", response=AssessmentItemOut, summary="修改事项评估")
def item_update(request, item_id: int, payload: ItemPatch):
    """`row_version` 与服务器不一致时返回 409。"""
    item = access_for_write(selectors.access_assessment, request.user, item_id)
    changes = payload.dict(exclude_unset=True, exclude={"row_version"})
    item = assessing.assessment_update(
        by=request.user, item=item, expected_row_version=payload.row_version, **changes
    )
    return _item(item)
