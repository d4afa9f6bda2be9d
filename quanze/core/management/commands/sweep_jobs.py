"""`quanze sweep-jobs` (also `sweep_jobs`): mark background jobs left running by a dead
worker failed, for cron (see quanze/core/jobs.py)."""

from django.core.management.base import BaseCommand

from quanze.core import registry
from quanze.core.jobs import jobs_sweep_stale


class Command(BaseCommand):
    help = "将停滞的后台任务(决定发布、清单导入)标记为失败,以便重新提交"

    def handle(self, *args, **options):
        counts = jobs_sweep_stale()
        kinds = sorted(
            (label, name) for name, (label, _sweep) in registry.stale_job_sweeps().items()
        )
        parts = "、".join(f"{counts[name]} 个{label}" for label, name in kinds)
        self.stdout.write(f"已将 {parts}标记为失败")
