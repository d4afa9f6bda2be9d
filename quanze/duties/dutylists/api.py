"""The township duty lists' API: whether a matter or duty is on a township's lists, and
the county's duty-list figures."""

from datetime import date

from ninja import Router
from ninja.security import django_auth

from quanze.core.errors import NotFound
from quanze.duties.dutylists.report import duty_report
from quanze.duties.dutylists.selectors import is_on_list
from quanze.duties.territorial.selectors import township_or_404
from quanze.org.models import Division

router = Router()


@router.get("/on-list", summary="事项是否在乡镇(街道)清单内(否则须先准入)")
def on_list(request, township: int, matter: str, on: date | None = None):
    subject = int(matter) if matter.isdigit() else matter
    return {
        "on_list": is_on_list(township=township_or_404(township), matter_or_duty=subject, on=on)
    }


@router.get(
    "/duty-report", auth=django_auth, summary="乡镇履职事项清单统计(基本、配合、收回、新增)"
)
def duty_list_report(request, pilot_only: bool = False):
    if request.user.county_id is None:
        raise NotFound("县(市、区)")
    report = duty_report(
        county=Division.objects.get(pk=request.user.county_id), pilot_only=pilot_only
    )
    return {
        "townships": [
            {"township": t.name, "version_id": v.pk, "document_number": v.document_number, **counts}
            for t, v, counts in report.townships
        ],
        "averages": report.averages,
        "totals": report.totals,
    }
