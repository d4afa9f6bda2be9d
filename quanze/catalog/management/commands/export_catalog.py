"""quanze export_catalog --version ID --format xlsx|csv -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quanze.catalog.catalogs.exporting import export_csv, export_xlsx
from quanze.catalog.catalogs.models import CatalogVersion


class Command(BaseCommand):
    help = "把目录的一个版本按标准格式导出为 .xlsx 或 .csv"

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version (a catalog version id) replaces Django's --version (its own release).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", dest="version_id", type=int, required=True)
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, version_id, format, output, **options):
        version = CatalogVersion.objects.select_related("catalog").filter(pk=version_id).first()
        if version is None:
            raise CommandError(f"目录版本不存在:{version_id}")
        exporter = export_xlsx if format == "xlsx" else export_csv
        path = Path(output)
        with path.open("wb") as stream:
            exporter(version, stream)
        count = version.entries.count()
        self.stdout.write(f"已导出 {version}:{count} 项 → {path}")
