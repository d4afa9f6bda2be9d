"""`quanze benchmark-table import|export VERSION_ID FILE` (also `benchmark_table`): the
justice bureau's .xlsx layout through the same services as the pages."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "导入(全部或全不)或导出裁量基准表(.xlsx,司法局发布的格式)"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("version", type=int, help="裁量基准版本 id")
        parser.add_argument("file", help=".xlsx 文件")
        parser.add_argument("--user", help="以该用户(司法局)身份导入")

    def handle(self, *args, action, version, file, user=None, **options):
        from quanze.catalog.importing.problems import ImportRejected
        from quanze.core.errors import Forbidden, NotFound
        from quanze.enforcement.benchmarks import selectors, services, xlsx
        from quanze.enforcement.benchmarks.models import BenchmarkVersion

        path = Path(file)
        if action == "export":
            found = BenchmarkVersion.objects.select_related("benchmark").filter(pk=version).first()
            if found is None:
                raise CommandError(f"裁量基准版本 {version} 不存在")
            path.write_bytes(xlsx.export_xlsx(found))
            self.stdout.write(f"已导出 {found} 到 {path}")
            return
        by = get_user_model().objects.filter(username=user).first() if user else None
        if by is None:
            raise CommandError("导入须用 --user 指明司法局用户")
        if not path.is_file():
            raise CommandError(f"文件不存在:{path}")
        try:
            target = selectors.access_version(by, version)
            warnings: list[str] = []
            services.version_import(
                by=by, version=target, path=path, file_name=path.name, warnings=warnings
            )
        except ImportRejected as rejected:
            raise CommandError("未导入任何内容:\n" + "\n".join(rejected.messages)) from None
        except (ValidationError, Forbidden, NotFound) as error:
            text = "\n".join(error.messages) if isinstance(error, ValidationError) else str(error)
            raise CommandError(text) from None
        for text in warnings:
            self.stdout.write(f"注意:{text}")
        self.stdout.write(f"已导入 {path.name}:{target.items.count()} 项违法行为")
