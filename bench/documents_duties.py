"""A 350-duty township duty list as PDF (issue 3 item 9 and its 2 s aim), for
`bench/documents.py`.

The first township's duty list gets a published version of `items` duties in
source 004's proportions (133 basic : 82 cooperating : 112 returned : 3.4 new),
named and based on the provincial catalog's powers. Figures: the PDF's first
download (rendered; wall and this process's CPU time), the background task
that publication enqueues (both formats rendered and kept), and the download
after that task (a kept file).
"""

import time

from bench.documents import _cold, _median_ms

SHARES = {"basic": 133, "cooperating": 82, "returned": 112, "new": 3.4}


def _class_counts(items: int) -> dict[str, int]:
    total = sum(SHARES.values())
    counts = {k: round(items * v / total) for k, v in SHARES.items()}
    counts["basic"] += items - sum(counts.values())
    return counts


def duty_version(township, items: int):
    """A published duty-list version of `items` duties, written directly (the rounds
    and judgements that precede publication are not what is measured)."""
    from datetime import date

    from django.utils import timezone

    from quanze.catalog.models import Power
    from quanze.duties.models import DutyEntry, DutyList, DutyVersion
    from quanze.org.models import Department

    duty_list, _ = DutyList.objects.get_or_create(
        township=township, defaults={"name": f"{township.name}履行职责事项清单"}
    )
    departments = list(Department.objects.filter(division_id=township.parent_id)[:20])
    powers = list(Power.objects.filter(owner_id__isnull=False).order_by("pk")[:items])
    number = (
        duty_list.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DutyVersion.objects.create(
        duty_list=duty_list, number=number, status="published", published_at=timezone.now(),
        effective_date=date(2025, 9, 1), document_number="常编办〔2025〕5号",
    )  # fmt: skip
    classes = [c for c, n in _class_counts(items).items() for _ in range(n)]
    entries = []
    for position, (duty_class, power) in enumerate(zip(classes, powers, strict=False), start=1):
        department = departments[position % len(departments)] if departments else None
        entries.append(
            DutyEntry(
                version=version, position=position, name=power.name, duty_class=duty_class,
                basis=power.legal_basis,
                lead_department=department if duty_class == "cooperating" else None,
                receiving_department=department if duty_class == "returned" else None,
                return_reason="乡镇无执法主体资格,依据不充分" if duty_class == "returned" else "",
                takeover="由县级部门直接履行,乡镇发现问题及时报告" if duty_class == "returned" else "",
                power=power if duty_class == "new" else None,
            )
        )  # fmt: skip
    DutyEntry.objects.bulk_create(entries, batch_size=1000)
    return version


def duty_figures(client, township, items: int, repeat: int) -> list[dict]:
    from quanze.catalog.documents import pdf
    from quanze.duties.dutylists.documents import duty_document
    from quanze.duties.dutylists.tasks import render_duty_documents

    version = duty_version(township, items)
    url = f"/duties/township-versions/{version.pk}/document.pdf"
    assert client.get(url).status_code == 200
    runs = max(3, repeat // 3)
    wall_ms = _median_ms(lambda: _cold(client, url), runs)
    cpu_ms = _median_ms(lambda: _cold(client, url), runs, clock=time.process_time)

    def task():
        _cold_store()
        assert render_duty_documents.call(version_ids=[version.pk]) == 1

    task_ms = _median_ms(task, runs)
    cached_ms = _median_ms(lambda: client.get(url), repeat)
    note = f"{version.entries.count()} 项履职事项"
    pages = len(pdf.list_html_class()(string=pdf.html(duty_document(version))).render().pages)
    return [
        {"name": "documents.duty_pdf.median", "value": round(wall_ms, 1), "unit": "ms", "note": note + ",首次生成"},
        {"name": "documents.duty_pdf.cpu_median", "value": round(cpu_ms, 1), "unit": "ms", "note": "首次生成,本进程 CPU 时间"},
        {"name": "documents.duty_publish_task.median", "value": round(task_ms, 1), "unit": "ms", "note": "发布后的后台任务:生成 Word 与 PDF"},
        {"name": "documents.duty_pdf.pages", "value": pages, "unit": "pages"},
        {"name": "documents.duty_pdf.cached_median", "value": round(cached_ms, 1), "unit": "ms", "note": "后台任务之后的首次下载"},
    ]  # fmt: skip


def _cold_store():
    import shutil

    from quanze.catalog.documents import store

    shutil.rmtree(store.folder(), ignore_errors=True)
