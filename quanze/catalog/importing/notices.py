"""Who hears that an import left changes for the office to confirm (the 导入待确认 hand-off).

An import by anyone but the office (or by the office without "同时修改其他目录中的事项")
keeps a power's department, and a power other catalogs show, as they were (`guard.py`).
Those changes then wait for the establishment office of the catalog owner's county: it
hears how many, and where to confirm them. An import of the web flow links its job page,
where one click re-checks the same file on the office's behalf (`jobs.import_job_recheck`);
one run from the command line (`quanze import_catalog`, `import_catalogs`) has no job and
no stored file, so it links the catalog and asks for the file to be imported again."""

from django.urls import reverse

from quanze.catalog.catalogs.models import Catalog
from quanze.core import notices
from quanze.org.roles import Role, county_users
from quanze.org.selectors import county_of


def confirmation_needed(*, by, catalog, file_name: str, protected: list[dict], job=None) -> list:
    """Tell the owner county's office about the changes an import held back, if any.

    `protected` is the plan's list of held-back items; `job` the web flow's import job."""
    if not protected:
        return []
    county = county_of(catalog.owner)
    office = county_users(county.pk, Role.ESTABLISHMENT_OFFICE)
    if by is not None:
        office = office.exclude(pk=by.pk)  # the office importing itself needs no notice
    first = "、".join(p["item"] for p in protected[:3])
    more = f"等{len(protected)}项" if len(protected) > 3 else ""
    who = f"{by.get_full_name() or by.username}" if by is not None else "系统任务"
    if job is not None:
        link = reverse("catalog:import_detail", args=[job.pk])
        then = "请核对后在导入页面按原文件重新预检并确认。"
    else:
        link = reverse("catalog:catalog_detail", args=[catalog.pk])
        then = "该导入由命令行执行,系统未保存原文件;请核对后按原文件重新导入并选择“同时修改其他目录中的事项”。"
    return notices.notify(
        office,
        kind=notices.Kind.IMPORT_CONFIRMATION,
        title=f"导入待确认:「{catalog.name}」{len(protected)}项修改须编办确认",
        body=(
            f"{who}向「{catalog.name}」导入“{file_name}”时,{first}{more}的修改"
            f"涉及其他目录或实施部门,未写入。{then}"
        ),
        link=link,
    )


def confirmations_needed(*, by, outcomes) -> list:
    """`confirmation_needed` for each file of a multi-file import (`many.FileOutcome`s)."""
    held = [o for o in outcomes if o.protected]
    catalogs = Catalog.objects.select_related("owner").in_bulk([o.catalog_id for o in held])
    sent = []
    for outcome in held:
        sent += confirmation_needed(
            by=by,
            catalog=catalogs[outcome.catalog_id],
            file_name=outcome.file_name,
            protected=outcome.protected,
        )
    return sent
