"""The JSON API: one NinjaAPI whose routers live in each app's api.py."""

from django.core.exceptions import ValidationError
from django.db import DataError
from ninja import NinjaAPI

from quanze.core import api_safety
from quanze.core.errors import Conflict, Forbidden, NotFound, messages_of
from quanze.core.sheetimport import SheetRejected


class QuanzeAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """`<app>_<function>`: stable for clients generated from the schema while modules
        move inside an app (ninja's default spells out the whole module path)."""
        app = operation.view_func.__module__.split(".")[1]
        return f"{app}_{operation.view_func.__name__}"


api = QuanzeAPI(
    title="quanze API",
    version="1",
    description="乡镇赋权扩能 事项清单系统 API。登录后按角色与单位读取和修改;未登录只能读取已发布版本。",
)


@api.exception_handler(NotFound)
def _not_found(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(Forbidden)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(Conflict)
def _conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(
        request, {"detail": "输入有误", "errors": messages_of(exc)}, status=422
    )


@api.exception_handler(SheetRejected)
def _rejected(request, exc):
    """An uploaded sheet refused by its importer: every problem, as a ValidationError."""
    return api.create_response(request, {"detail": "输入有误", "errors": exc.messages}, status=422)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _out_of_range(request, exc):
    return api_safety.out_of_range(api, request, exc)


def _routers():
    from quanze.catalog.api import router as catalog_router
    from quanze.core.notice_api import router as notice_router
    from quanze.delegation.api import router as delegation_router
    from quanze.dispatch.api import router as dispatch_router
    from quanze.duties.api import router as duties_router
    from quanze.enforcement.api import router as enforcement_router
    from quanze.evaluation.api import router as evaluation_router
    from quanze.org.api import router as org_router
    from quanze.portal.api import router as portal_router

    api.add_router("/org", org_router)
    api.add_router("/catalog", catalog_router)
    api.add_router("/delegation", delegation_router)
    api.add_router("/duties", duties_router)
    api.add_router("/dispatch", dispatch_router)
    api.add_router("/enforcement", enforcement_router)
    api.add_router("/evaluation", evaluation_router)
    api.add_router("/portal", portal_router)
    api.add_router("/notices", notice_router)


api.add_decorator(api_safety.refuse_control_chars, mode="operation")
_routers()
api_safety.declare_error_responses(api)

__all__ = ["api"]
