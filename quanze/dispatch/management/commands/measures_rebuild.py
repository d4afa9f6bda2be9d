"""`quanze measures_rebuild`: compute the measures' aggregates again from the raw assignments
(after a bulk load that bypassed the services, or to check them)."""

from django.core.management.base import BaseCommand

from quanze.dispatch.aggregates.services import rebuild


class Command(BaseCommand):
    help = "由派发记录重新计算考评指标的日汇总、用时分布与月汇总"

    def handle(self, *args, **options):
        made = rebuild()
        self.stdout.write(
            f"已重算:日计数 {made['days']} 行,用时分布 {made['bins']} 行,月汇总 {made['months']} 行"
        )
