"""`quanze evaluation_round create|open|compute|close|show|specs|adjust …`: the same services
as the pages, run by an operator (no user: the command line acts for the office).

    quanze evaluation_round adjust ID [项目名称]   (动态调整立项 from the accepted proposals)"""

from datetime import date

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
        " | adjust ID [项目名称]"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["create", "open", "compute", "close", "show", "specs", "adjust"]
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

    def _show(self, round_):
        self.stdout.write(f"{round_.pk}\t{round_.title}\t{round_.get_status_display()}")
        for proposal in round_.proposals.select_related("power"):
            self.stdout.write(
                f"  {proposal.get_kind_display()}\t{proposal.power.code}\t{proposal.facts}"
            )
