"""quanze reindex_powers: rebuild the bigram search index from every power's text."""

from django.core.management.base import BaseCommand
from django.db import transaction

from quanze.catalog.powers.search_index import reindex_all


class Command(BaseCommand):
    help = "重建权力事项的全文检索索引(二元组索引)"

    def handle(self, *args, **options):
        with transaction.atomic():
            count = reindex_all()
        self.stdout.write(f"已重建 {count} 项权力事项的检索索引")
