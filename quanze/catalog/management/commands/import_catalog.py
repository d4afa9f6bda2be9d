"""quanze import_catalog PATH --catalog ID [--dry-run] [--create-departments] [--user NAME]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import ImportRejected, import_plan, import_run
from quanze.catalog.importing.notices import confirmation_needed
from quanze.core.errors import Forbidden
from quanze.org.models import User

MAX_SHOWN = 200  # warnings printed


class Command(BaseCommand):
    help = "从 Excel(.xlsx)或 CSV 导入权责清单到目录(先用 --dry-run 预检)"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--catalog", type=int, required=True, help="目录 ID")
        parser.add_argument("--dry-run", action="store_true", help="只预检,不写入")
        parser.add_argument("--create-departments", action="store_true", help="自动新建未知部门")
        parser.add_argument("--user", help="以该用户身份导入(默认:系统任务)")
        parser.add_argument(
            "--mode",
            choices=["merge", "replace"],
            default="merge",
            help="merge:新增/更新(默认,目录中其他事项保留);replace:替换(目录只保留文件中的事项)",
        )
        parser.add_argument(
            "--update-shared",
            action="store_true",
            help="同时修改其他目录也在用的事项和事项的实施部门(编办确认)",
        )

    def handle(
        self,
        *args,
        path,
        catalog,
        dry_run,
        create_departments,
        user,
        mode,
        update_shared,
        **options,
    ):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"文件不存在:{path}")
        target = Catalog.objects.select_related("owner").filter(pk=catalog).first()
        if target is None:
            raise CommandError(f"目录不存在:{catalog}")
        by = None
        if user:
            by = User.objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"用户不存在:{user}")
        kwargs = dict(
            by=by,
            catalog=target,
            path=source,
            file_name=source.name,
            create_departments=create_departments,
            mode=mode,
            update_shared=update_shared,
        )
        try:
            plan = import_plan(**kwargs) if dry_run else self._run(kwargs, console)
        except ImportRejected as rejected:
            console.print(f"[bold red]文件有误,未导入任何内容({len(rejected.problems)} 个问题):")
            for problem in rejected.problems:
                console.print(f"  {problem}", markup=False)
            raise SystemExit(1) from None
        except Forbidden as error:
            raise CommandError(str(error)) from None
        self._print(console, plan, dry_run)
        if not dry_run:  # the notice the web flow's job sends (导入待确认)
            sent = confirmation_needed(
                by=by, catalog=target, file_name=source.name, protected=plan.protected
            )
            if sent:
                console.print(f"  已通知编办确认未写入的修改({len(sent)} 条通知)")

    def _run(self, kwargs, console):
        columns = (TextColumn("导入"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("import", total=None)

            def progress(done, total):
                bar.update(task, completed=done, total=total)

            return import_run(**kwargs, progress=progress)

    def _print(self, console, plan, dry_run):
        title = "预检结果(未写入)" if dry_run else "导入完成"
        console.print(f"[bold]{title}[/bold]:工作表 {plan.sheet or '—'},{plan.rows} 行")
        mode = "替换" if plan.mode == "replace" else "新增/更新"
        console.print(
            f"  导入方式:{mode};新建 {len(plan.created)},修改 {len(plan.updated)},"
            f"不变 {plan.unchanged},移出清单 {len(plan.removed)}"
        )
        if plan.mode != "replace" and plan.would_remove:
            console.print(f"  (若选“替换”(--mode replace),将移出清单 {plan.would_remove} 项)")
        for name, count in plan.other_catalogs.items():
            console.print(f"  [yellow]同时改变其他目录[/yellow]「{name}」{count} 项", markup=True)
        for item in plan.protected[:50]:
            console.print(
                f"  未修改 第{item['row']}行 {item['item']}:{item['reason']}", markup=False
            )
        for item in plan.kept[:50]:
            console.print(
                f"  保留原值 第{item['row']}行 {item['item']} {item['field']}:"
                f"原值更完整,未用“{item['new']}”替换",
                markup=False,
            )
        if plan.new_departments:
            console.print("  新部门:" + "、".join(plan.new_departments), markup=False)
        if plan.new_fields:
            console.print("  新领域:" + "、".join(plan.new_fields), markup=False)
        for item, changes in plan.updated[:50]:
            fields = "、".join(key for key, _, _ in changes)
            console.print(
                f"  修改 第{item['row']}行 {item['code']} {item['name']}:{fields}", markup=False
            )
        # A sheet can warn on every row (a merged cell spread over thousands of them):
        # the first ones show what is meant, as the pages list at most 200 problems.
        for warning in plan.warnings[:MAX_SHOWN]:
            console.print(f"  [yellow]提示[/yellow] {warning}")
        if len(plan.warnings) > MAX_SHOWN:
            console.print(
                f"  [yellow]提示[/yellow] 另有 {len(plan.warnings) - MAX_SHOWN} 条提示未列出"
            )
