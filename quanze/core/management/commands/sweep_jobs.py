"""`quanze sweep-jobs` (also `sweep_jobs`): mark background jobs left running by a dead
worker failed, for cron (see quanze/core/jobs.py)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "将停滞的后台任务(决定发布、清单导入)标记为失败,以便重新提交"

    def handle(self, *args, **options):
        from quanze.core.jobs import jobs_sweep_stale

        counts = jobs_sweep_stale()
        self.stdout.write(
            f"已将 {counts['publications']} 个发布任务、{counts['imports']} 个导入任务标记为失败"
        )
