"""`quanze staffing-quotas import FILE --user NAME [--dry-run] [--on YYYY-MM-DD]` and
`quanze staffing-quotas report [--on YYYY-MM-DD] --user NAME [--output FILE.xlsx]`: the
establishment office's staffing quotas through the same services as the pages."""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "导入编制表(.xlsx/.csv,全部或全不,编办)或输出执法力量与编制报表"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "report"])
        parser.add_argument("file", nargs="?", help="编制表(导入)")
        parser.add_argument("--user", required=True, help="以该用户身份(导入须为编办)")
        parser.add_argument("--dry-run", action="store_true", help="只检查,不写入")
        parser.add_argument("--on", type=date.fromisoformat, help="日期(YYYY-MM-DD)")
        parser.add_argument("--output", help="报表另存为 .xlsx")

    def handle(self, *args, action, file=None, user, dry_run=False, on=None, output=None, **_):
        from quanze.core.errors import Forbidden
        from quanze.enforcement.staffing import export, selectors
        from quanze.enforcement.staffing.importing import QuotasRejected, quotas_import
        from quanze.enforcement.statistics.export import percent

        by = get_user_model().objects.filter(username=user).first()
        if by is None:
            raise CommandError(f"用户 {user} 不存在")
        if action == "report":
            try:
                report = selectors.report_for(by, on=on or date.today())
            except Forbidden as error:
                raise CommandError(str(error)) from None
            for t in report.townships:
                mark = " ⚠低于下限" if t.overloaded else ""
                self.stdout.write(
                    f"{t.name}:承接 {t.items} 项,持证 {t.certified} 人,"
                    f"编制 {t.approved}/{t.filled},下沉 {t.sunk_in}{mark}"
                )
            self.stdout.write(
                f"执法人员 {report.officers} 人,在乡镇(街道) {report.in_townships} 人,"
                f"比例 {percent(report.township_share)}"
            )
            if output:
                Path(output).write_bytes(export.xlsx(report))
                self.stdout.write(f"已写入 {output}")
            return
        if not file:
            raise CommandError("导入须指明编制表文件")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在:{path}")
        try:
            result = quotas_import(by=by, path=path, file_name=path.name, on=on, dry_run=dry_run)
        except QuotasRejected as rejected:
            raise CommandError("未导入任何内容:\n" + "\n".join(rejected.problems)) from None
        except Forbidden as error:
            raise CommandError(str(error)) from None
        for warning in result.warnings:
            self.stderr.write(warning)
        verb = "检查通过(未写入)" if dry_run else "已导入"
        self.stdout.write(f"{verb} {path.name}:{result.rows} 行,变更 {result.changed} 项编制")
