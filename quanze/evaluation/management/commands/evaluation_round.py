"""`quanze evaluation_round create|open|compute|close|show|specs|adjust …`: the same services
as the pages, run by an operator (no user: the command line acts for the office).

    quanze evaluation_round adjust ID [项目名称]   (动态调整立项 from the accepted proposals)
    quanze evaluation_round ratings ID 文件.xlsx  (群众评价 from a sheet, all or nothing)"""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quanze.core.errors import messages_of
from quanze.evaluation.rounds import services
from quanze.evaluation.rounds.models import Round
from quanze.evaluation.rounds.selectors import accepted_change_specs
from quanze.org.models import Division


class Command(BaseCommand):
    help = (
        "质效评估:create 县代码 名称 起 止 | open ID | compute ID | close ID | show ID | specs ID"
        " | adjust ID [项目名称] | ratings ID 文件(.xlsx/.csv,导入群众评价,全部或全不)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["create", "open", "compute", "close", "show", "specs", "adjust", "ratings"],
        )
        parser.add_argument("values", nargs="+")

    def handle(self, *args, action, **options):
        values = options["values"]
        try:
            if action == "create":
                self._create(*values)
                return
            round_ = Round.objects.filter(pk=int(values[0])).first()
            if round_ is None:
                raise CommandError(f"评估轮次 {values[0]} 不存在")
            if action == "open":
                services.round_open(by=None, round_=round_)
            elif action == "compute":
                services.round_compute(by=None, round_=round_)
            elif action == "close":
                services.round_close(by=None, round_=round_)
            elif action == "adjust":
                title = values[1] if len(values) > 1 else ""
                project = services.adjustment_open(by=None, round_=round_, title=title)
                self.stdout.write(
                    f"已发起动态调整项目 {project.pk}「{project.title}」,"
                    f"共{project.changes.count()}项调整"
                )
                return
            elif action == "ratings":
                self._ratings(round_, values[1:])
                return
            elif action == "specs":
                for spec in accepted_change_specs(round_):
                    self.stdout.write(
                        f"{spec.kind}\t{spec.power_id}\t{spec.township_id or ''}\t{spec.facts}"
                    )
                return
            self._show(Round.objects.get(pk=round_.pk))
        except ValidationError as error:
            raise CommandError(";".join(messages_of(error))) from None
        except ValueError:
            raise CommandError("参数格式不正确:评估轮次应为数字,日期应为YYYY-MM-DD") from None

    def _create(self, code, title, start, end, *rest):
        county = Division.objects.filter(code=code).first()
        if county is None:
            raise CommandError(f"县(市、区):代码 {code} 不存在")
        round_ = services.round_create(
            by=None,
            county=county,
            title=title,
            start=date.fromisoformat(start),
            end=date.fromisoformat(end),
        )
        self._show(round_)

    def _ratings(self, round_, rest):
        """A refused file: its problems (row and column, in Chinese) in the error, nothing
        saved, a non-zero exit."""
        if len(rest) != 1:
            raise CommandError("用法:evaluation_round ratings 评估轮次 文件(.xlsx/.csv)")
        path = Path(rest[0])
        if not path.is_file():
            raise CommandError(f"文件 {rest[0]} 不存在")
        warnings: list[str] = []
        try:
            count = services.ratings_import(
                by=None, round_=round_, path=path, file_name=path.name, warnings=warnings
            )
        except ValidationError as error:
            problems = messages_of(error)
            raise CommandError("群众评价未导入:\n" + "\n".join(problems[:200])) from None
        for text in warnings:
            self.stderr.write(text)
        self.stdout.write(f"已导入{count}条群众评价")

    def _show(self, round_):
        self.stdout.write(f"{round_.pk}\t{round_.title}\t{round_.get_status_display()}")
        for proposal in round_.proposals.select_related("power"):
            self.stdout.write(
                f"  {proposal.get_kind_display()}\t{proposal.power.code}\t{proposal.facts}"
            )
        for line in round_.skipped:
            self.stdout.write(f"  {line}")
