"""`quanze appraisal open|close|results|export ROUND --user U [--file F]`: the two-way
appraisal through the same services and selectors as the pages (and the same anonymity)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "双向互评:开始评分、结束评分、查看结果或导出结果(.xlsx)"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["open", "close", "results", "export"])
        parser.add_argument("round", type=int, help="互评 id")
        parser.add_argument("--user", required=True, help="以该用户身份操作")
        parser.add_argument("--file", help="导出的 .xlsx 文件")

    def handle(self, *args, action, round, user, file=None, **options):
        from quanze.core.errors import Forbidden, NotFound
        from quanze.evaluation.appraisal import rules, selectors, services, xlsx

        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"用户 {user} 不存在")
        try:
            found = selectors.access_round(by, round)
            if action == "open":
                services.round_open(by=by, round=found)
                self.stdout.write(f"{found.name}:已开始评分,已通知各单位")
            elif action == "close":
                services.round_close(by=by, round=found)
                self.stdout.write(f"{found.name}:已结束评分,结果已通知各单位")
            elif action == "export":
                if not file:
                    raise CommandError("导出须用 --file 指明 .xlsx 文件")
                Path(file).write_bytes(xlsx.export(by, found))
                self.stdout.write(f"已导出 {found.name} 到 {file}")
            else:
                for kind, rows in selectors.round_results(by, found).items():
                    self.stdout.write("部门得分" if kind == "department" else "乡镇得分")
                    for r in rows:
                        total = rules.rounded(r.total) if r.total is not None else "—"
                        self.stdout.write(f"  {r.rank or '—'}\t{r.name}\t{total}")
        except (ValidationError, Forbidden, NotFound) as error:
            text = "\n".join(error.messages) if isinstance(error, ValidationError) else str(error)
            raise CommandError(text) from None
