"""quanze import_catalogs MANIFEST.csv [--mode merge|replace] [--user NAME] ...

Many workbooks as one all-or-nothing import (`importing.many.import_many`): a
province's township lists. The manifest is a CSV with the columns `file` (relative to
the manifest's folder) and either `catalog` (a catalog id) or `division_code` and
`catalog` (the owner's division code and the catalog's name), as `quanze generate
--xlsx-dir` writes it.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import ImportRejected
from quanze.catalog.importing.many import ImportFile, import_many
from quanze.catalog.importing.notices import confirmations_needed
from quanze.core.errors import Forbidden
from quanze.org.models import User

MAX_SHOWN = 200


class Command(BaseCommand):
    help = "按清单文件(CSV)一次导入多个权责清单文件,全部成功或全部不导入"

    def add_arguments(self, parser):
        parser.add_argument("manifest")
        parser.add_argument("--create-departments", action="store_true", help="自动新建未知部门")
        parser.add_argument("--user", help="以该用户身份导入(默认:系统任务)")
        parser.add_argument("--mode", choices=["merge", "replace"], default="merge")
        parser.add_argument("--update-shared", action="store_true")

    def handle(self, *args, manifest, create_departments, user, mode, update_shared, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        files = self._files(Path(manifest))
        by = None
        if user:
            by = User.objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"用户不存在:{user}")
        columns = (TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        try:
            with Progress(*columns, console=console, transient=True) as bar:
                task = bar.add_task("import", total=len(files))
                result = import_many(
                    by=by,
                    files=files,
                    create_departments=create_departments,
                    mode=mode,
                    update_shared=update_shared,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
        except ImportRejected as rejected:
            problems = rejected.problems
            console.print(f"[bold red]文件有误,未导入任何内容({len(problems)} 个问题):")
            for problem in problems[:MAX_SHOWN]:
                where = f"{problem.file}:" if problem.file and problem.sheet else ""
                console.print(f"  {where}{problem}", markup=False)
            raise SystemExit(1) from None
        except Forbidden as error:
            raise CommandError(str(error)) from None
        console.print(
            f"[bold]导入完成[/bold]:{len(result.files)} 个文件,{result.rows} 行;"
            f"新建 {result.created},修改 {result.updated}"
        )
        for outcome in result.files:
            for item in outcome.protected[:50]:
                console.print(
                    f"  {outcome.file_name} 未修改 第{item['row']}行 {item['item']}:"
                    f"{item['reason']}",
                    markup=False,
                )
        if sent := confirmations_needed(by=by, outcomes=result.files):
            console.print(f"  已通知编办确认未写入的修改({len(sent)} 条通知)")

    def _files(self, manifest: Path) -> list[ImportFile]:
        if not manifest.is_file():
            raise CommandError(f"文件不存在:{manifest}")
        with manifest.open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        catalogs = {
            (c.owner.code, c.name): c for c in Catalog.objects.select_related("owner").all()
        }
        by_id = {c.pk: c for c in catalogs.values()}
        files = []
        for number, row in enumerate(rows, start=2):
            key = (row.get("division_code") or "").strip(), (row.get("catalog") or "").strip()
            catalog = catalogs.get(key) if key[0] else None
            if catalog is None and key[1].isdigit():
                catalog = by_id.get(int(key[1]))
            if catalog is None:
                raise CommandError(f"清单第{number}行:找不到目录“{key[1]}”")
            path = manifest.parent / (row.get("file") or "").strip()
            if not path.is_file():
                raise CommandError(f"清单第{number}行:文件不存在 {path}")
            files.append(ImportFile(catalog, path, path.name))
        return files
