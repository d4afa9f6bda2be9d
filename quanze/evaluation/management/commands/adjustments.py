"""`quanze adjustments list|show|open|start|complete|handover`: the establishment office's
adjustment projects (动态调整) through the same selectors and services as the pages.

    quanze adjustments open --user office --title T --origin evaluation.round:3 --changes specs.json
    quanze adjustments start ID --user office [--mode entrustment]
    quanze adjustments complete ID --user office --meeting-date D --document-number N --effective-date D
    quanze adjustments handover            (daily: re-route events whose new version took effect)

`specs.json` holds a list of objects with ChangeSpec's fields (kind, power_id, reason, …)."""

import json
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quanze.core.errors import Conflict, Forbidden, NotFound, messages_of


class Command(BaseCommand):
    help = "动态调整项目:列出、查看、立项、启动、实施,以及到期改派事件"

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["list", "show", "open", "start", "complete", "handover"]
        )
        parser.add_argument("project", nargs="?", type=int, help="项目编号")
        parser.add_argument("--user", help="以该用户身份(handover 以外必填)")
        parser.add_argument("--title", default="")
        parser.add_argument("--origin", default="")
        parser.add_argument("--changes", help="调整事项 JSON 文件")
        parser.add_argument("--mode", default="entrustment")
        parser.add_argument("--meeting-date", type=date.fromisoformat)
        parser.add_argument("--document-number", default="")
        parser.add_argument("--effective-date", type=date.fromisoformat)
        parser.add_argument("--fine-return-share", default="0")

    def handle(self, *args, action, project=None, user=None, **options):
        from quanze.evaluation.adjustment import handover

        if action == "handover":
            done = handover.handover_due(by=None)
            self.stdout.write(f"已按新清单改派事件 {done} 件")
            return
        by = get_user_model().objects.filter(username=user or "").first()
        if by is None:
            raise CommandError(f"用户 {user} 不存在")
        try:
            self._run(action, by, project, options)
        except ValidationError as error:
            raise CommandError("未作任何更改:\n" + "\n".join(messages_of(error))) from None
        except (Forbidden, NotFound, Conflict) as error:
            raise CommandError(str(error)) from None

    def _run(self, action, by, project_id, o):
        from quanze.evaluation.adjustment import selectors, services
        from quanze.evaluation.adjustment.specs import ChangeSpec

        if action == "list":
            for row in selectors.project_rows(by):
                self.stdout.write(
                    f"{row['id']}\t{row['status']}\t{row['title']}\t{row['origin']}\t{row['changes']}项"
                )
            return
        if action == "open":
            path = Path(o["changes"] or "")
            if not path.is_file():
                raise CommandError(f"调整事项文件不存在:{path}")
            try:
                rows = json.loads(path.read_text(encoding="utf-8"))
                specs = [_spec(ChangeSpec, row) for row in rows]
            except (ValueError, TypeError) as error:
                raise CommandError(f"调整事项文件格式有误:{error}") from None
            project = services.project_open(
                actor=by, county=by.county, title=o["title"], origin=o["origin"], changes=specs
            )
            self.stdout.write(f"已立项 {project.pk}:{project.title},{len(specs)}项调整")
            return
        if project_id is None:
            raise CommandError("请指明项目编号")
        project = selectors.access_project(by, project_id)
        if action == "start":
            project = services.project_start(by=by, project=project, mode=o["mode"])
        elif action == "complete":
            project = services.project_complete(
                by=by,
                project=project,
                meeting_date=o["meeting_date"],
                document_number=o["document_number"],
                effective_date=o["effective_date"],
                fine_return_share=o["fine_return_share"],
            )
        self.stdout.write(f"{project.pk} {project.title}:{project.get_status_display()}")
        for change in project.changes.order_by("position"):
            self.stdout.write(
                f"  {change.position}. {change.get_kind_display()} {change.power or change.matter or ''}"
                f":{change.reason}{(' → ' + change.outcome) if change.outcome else ''}"
            )


def _spec(ChangeSpec, row: dict):
    row = dict(row)
    if row.get("effective_from"):
        row["effective_from"] = date.fromisoformat(row["effective_from"])
    row["articles"] = tuple(row.get("articles", ()))
    return ChangeSpec(**row)
