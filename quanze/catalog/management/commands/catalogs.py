"""quanze catalogs [关键词]: the catalogs and their versions, with the ids other commands take."""

from django.core.management.base import BaseCommand

from quanze.catalog.catalogs.selectors import catalog_directory


class Command(BaseCommand):
    help = "列出目录与清单及其版本(import_catalog --catalog、export_catalog --version 用的 ID)"

    def add_arguments(self, parser):
        parser.add_argument("q", nargs="?", default="", help="按目录名称、所属区划名称或代码筛选")

    def handle(self, *args, q, **options):
        count = 0
        for catalog in catalog_directory(q=q):
            count += 1
            unit = catalog.department or catalog.owner
            self.stdout.write(
                f"目录 ID {catalog.pk}  {catalog.name}  〔{catalog.get_kind_display()}〕  {unit}"
            )
            versions = sorted(catalog.versions.all(), key=lambda v: v.number)
            for version in versions:
                when = f" 施行 {version.effective_date:%Y-%m-%d}" if version.effective_date else ""
                self.stdout.write(
                    f"    版本 ID {version.pk}  第{version.number}版  "
                    f"{version.get_status_display()}{when}"
                )
            if not versions:
                self.stdout.write("    (尚无版本)")
        self.stdout.write(f"共 {count} 个目录" if count else "没有符合条件的目录")
