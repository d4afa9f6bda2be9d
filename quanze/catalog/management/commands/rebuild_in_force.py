"""quanze rebuild_in_force: recompute what the publishing services keep about the lists in
force (each published snapshot's count of lists, each catalog's published flag)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from quanze.catalog.catalogs.in_force import rebuild


class Command(BaseCommand):
    help = "重算在用清单的派生数据(各已发布事项快照所在的在用清单数、各目录是否已公开)"

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild()
        self.stdout.write(f"已重算 {count} 个事项快照的在用清单数")
