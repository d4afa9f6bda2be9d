"""Who hears that an import left changes for the office to confirm (the 导入待确认 hand-off).

An import by anyone but the office (or by the office without "同时修改其他目录中的事项")
keeps a power's department, and a power other catalogs show, as they were (`guard.py`).
Those changes then wait for the establishment office of the catalog owner's county: it
hears how many, and the job page where one click re-checks the same file on its behalf
(`jobs.import_job_recheck`)."""

from django.urls import reverse

from quanze.core import notices
from quanze.org.roles import Role, county_users
from quanze.org.selectors import county_of


def confirmation_needed(*, by, job, plan) -> list:
    """Tell the owner county's office about the changes an import held back, if any."""
    if not plan.protected:
        return []
    county = county_of(job.catalog.owner)
    office = county_users(county.pk, Role.ESTABLISHMENT_OFFICE)
    if by is not None:
        office = office.exclude(pk=by.pk)  # the office importing itself needs no notice
    first = "、".join(p["item"] for p in plan.protected[:3])
    more = f"等{len(plan.protected)}项" if len(plan.protected) > 3 else ""
    who = f"{by.get_full_name() or by.username}" if by is not None else "系统任务"
    return notices.notify(
        office,
        kind=notices.Kind.IMPORT_CONFIRMATION,
        title=f"导入待确认:「{job.catalog.name}」{len(plan.protected)}项修改须编办确认",
        body=(
            f"{who}向「{job.catalog.name}」导入“{job.file_name}”时,{first}{more}的修改"
            "涉及其他目录或实施部门,未写入。请核对后在导入页面按原文件重新预检并确认。"
        ),
        link=reverse("catalog:import_detail", args=[job.pk]),
    )
