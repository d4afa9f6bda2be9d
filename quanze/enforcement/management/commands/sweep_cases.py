"""`quanze sweep-cases` (also `sweep_cases`): escalate overdue enforcement cases, for cron."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "对超过当前步骤时限的执法案件超期督办(办案记录、变更记录、通知办案单位和司法局)"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="以该日期(YYYY-MM-DD)判断超期,默认今天")

    def handle(self, *args, date=None, **options):
        from datetime import date as Date

        from quanze.enforcement.cases.sweep import cases_sweep

        today = Date.fromisoformat(date) if date else None
        count = cases_sweep(today=today)
        self.stdout.write(f"已督办 {count} 件超期执法案件")
