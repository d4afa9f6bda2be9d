"""`quanze sweep-deadlines` (also `sweep_deadlines`): escalate overdue events, for cron."""

from django.core.management.base import BaseCommand

from quanze.dispatch.loop.sweep import deadlines_sweep
from quanze.dispatch.loop.tasks import sweep_deadlines


class Command(BaseCommand):
    help = "将超过接收或办结时限的事件标记为已超期(升级)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--background", action="store_true", help="交给后台任务执行(需运行 quanze db_worker)"
        )

    def handle(self, *args, background=False, **options):
        if background:
            result = sweep_deadlines.enqueue()
            self.stdout.write(f"已加入后台任务队列:{result.id}")
            return
        count = deadlines_sweep()
        self.stdout.write(f"已升级 {count} 件超期事件")
