"""The case file API: ask for it (202 with the job to follow), follow the job, download the
stored file. Thin: the same selectors and services as the pages."""

from datetime import datetime

from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.errors import Conflict
from quanze.enforcement.casefiles import selectors, services
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.casefiles.views import stored
from quanze.enforcement.cases.selectors import access_case

router = Router(tags=["执法文书"])


class CaseFileJobOut(Schema):
    id: int
    case_id: int
    status: str
    status_display: str
    done_sections: int
    total_sections: int
    created_at: datetime
    finished_at: datetime | None
    size: int
    sha256: str
    error: str
    stale_file: bool
    page_url: str
    download_url: str


def _out(job: CaseFileJob) -> dict:
    done = job.status == CaseFileJob.Status.DONE
    return {
        "id": job.pk, "case_id": job.case_id, "status": job.status,
        "status_display": job.get_status_display(), "done_sections": job.done_sections,
        "total_sections": job.total_sections, "created_at": job.created_at,
        "finished_at": job.finished_at, "size": job.size, "sha256": job.sha256,
        "error": job.error, "stale_file": selectors.job_state(job)["stale_file"],
        "page_url": reverse("enforcement:case_file_job", args=[job.pk]),
        "download_url": reverse("enforcement:case_file_job_download", args=[job.pk])
        if done else "",
    }  # fmt: skip


@router.post(
    "/cases/{case_id}/case-file",
    response={200: CaseFileJobOut, 202: CaseFileJobOut},
    auth=django_auth,
    summary="生成案卷(后台任务;已有最新案卷时直接返回)",
)
def case_file_generate(request, case_id: int):
    """200:已有与案件现状一致的案卷;202:已排队或正在生成,按 page_url 或
    `GET /case-file-jobs/{id}` 查看进度。"""
    job = services.case_file_start(by=request.user, case=access_case(request.user, case_id))
    return Status(200 if job.status == CaseFileJob.Status.DONE else 202, _out(job))


@router.get(
    "/case-file-jobs/{job_id}", response=CaseFileJobOut, auth=django_auth, summary="案卷生成任务"
)
def case_file_job(request, job_id: int):
    return _out(selectors.access_job(request.user, job_id))


@router.get("/cases/{case_id}/case-file", auth=django_auth, summary="下载案卷(PDF,含卷内目录)")
def case_file(request, case_id: int):
    """返回已生成且与案件现状一致的案卷;尚未生成或案件已变更时 409,请先 POST 生成。"""
    job = selectors.fresh_file(access_case(request.user, case_id))
    if job is None:
        raise Conflict("案卷尚未生成或案件已有变化,请先提交生成案卷(POST 本地址)")
    return stored(job)
