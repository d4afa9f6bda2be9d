"""`quanze legal_act import|change|impact …`: the law-change register from the command line,
through the same services and selectors as the pages.

    quanze legal_act import FILE --title 中华人民共和国行政处罚法 --rank 法律 \\
        --effective-date 2021-07-15 --user sifa          (a new act, or --act ID: re-import)
    quanze legal_act change ACT_ID --kind amend --articles 23,24 --from 2027-01-01 --user sifa
    quanze legal_act impact ACT_ID --articles 23 [--year 2021] [--change ID] --user bianban \\
        [--xlsx impact.xlsx]
    quanze legal_act adjust ACT_ID --change ID --user bianban [--title 名称]
        (动态调整立项 of the office's county from the change)
"""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”应写作 2026-01-01") from None


class Command(BaseCommand):
    help = "法律法规登记、条文导入、记录立改废释、查询影响、据变更发起动态调整"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "change", "impact", "adjust"])
        parser.add_argument("target", help="import:条文文件(.txt/.docx);其他:法规 id")
        parser.add_argument("--user", required=True, help="以该用户身份操作")
        parser.add_argument("--act", type=int, help="import:重新导入该法规的条文")
        parser.add_argument("--title", help="import:法规名称;adjust:调整项目名称")
        parser.add_argument("--rank", default="法律")
        parser.add_argument("--issuing-body", default="")
        parser.add_argument("--effective-date")
        parser.add_argument("--kind", default="amend", help="amend / repeal / interpret")
        parser.add_argument("--articles", default="", help="如 23,24")
        parser.add_argument("--from", dest="effective_from")
        parser.add_argument("--document-number", default="")
        parser.add_argument("--summary", default="")
        parser.add_argument("--year", type=int)
        parser.add_argument("--change", type=int, help="impact:某次变更的影响;adjust:据该变更")
        parser.add_argument("--xlsx", help="impact:导出到 .xlsx")

    def handle(self, *args, action, target, user, **options):
        from quanze.core.errors import Forbidden, NotFound

        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"用户“{user}”不存在")
        try:
            getattr(self, f"_{action}")(by, target, options)
        except ValidationError as error:
            raise CommandError("未作任何更改:\n" + "\n".join(error.messages)) from None
        except (Forbidden, NotFound) as error:
            raise CommandError(str(error)) from None

    def _import(self, by, target, options):
        from quanze.evaluation.lawchange import selectors, services
        from quanze.evaluation.lawchange.sources import text_of_upload

        path = Path(target)
        if not path.is_file():
            raise CommandError(f"文件不存在:{path}")
        text = text_of_upload(path.name, path.read_bytes())
        if options["act"]:
            act = selectors.access_act(by, options["act"])
            count = services.articles_import(by=by, act=act, text=text)
        else:
            if not options["title"] or not options["effective_date"]:
                raise CommandError("登记新法规须给出 --title 和 --effective-date")
            act = services.act_create(
                by=by, title=options["title"], rank=options["rank"],
                issuing_body=options["issuing_body"],
                effective_date=_date(options["effective_date"]), text=text,
            )  # fmt: skip
            count = act.versions.get().articles.count()
        self.stdout.write(f"{act}(id {act.pk}):已导入 {count} 条")

    def _change(self, by, target, options):
        from quanze.evaluation.lawchange import selectors, services
        from quanze.evaluation.lawchange.parsing import parse_article_list

        if not options["effective_from"]:
            raise CommandError("须给出 --from 生效日期")
        act = selectors.access_act(by, int(target))
        change = services.change_record_save(
            by=by, act=act, kind=options["kind"], effective_from=_date(options["effective_from"]),
            articles=parse_article_list(options["articles"]),
            document_number=options["document_number"], summary=options["summary"],
        )  # fmt: skip
        self.stdout.write(
            f"已记录 {change}(id {change.pk}):影响 {change.rows_found} 个条目,"
            f"通知 {change.units_notified} 个单位"
        )

    def _impact(self, by, target, options):
        from quanze.evaluation.lawchange import selectors
        from quanze.evaluation.lawchange.exporting import impact_xlsx
        from quanze.evaluation.lawchange.parsing import parse_article_list

        if not selectors.can_read_impacts(by):
            raise CommandError("无权查看法规变更的影响")
        if options["change"]:
            change = selectors.access_change(by, options["change"])
            rows, title = selectors.change_impact(by, change), f"{change} 影响清单"
        else:
            act = selectors.access_act(by, int(target))
            articles = tuple(parse_article_list(options["articles"]))
            rows = selectors.article_search(by, act, articles, year=options["year"])
            title = f"{selectors.Scope(act, articles).label} 引用事项"
        for label, n in ((label, n) for _k, label, n in selectors.kind_counts(rows)):
            self.stdout.write(f"{label}\t{n}")
        self.stdout.write(f"合计\t{len(rows)}")
        if options["xlsx"]:
            Path(options["xlsx"]).write_bytes(impact_xlsx(title, rows))
            self.stdout.write(f"已导出到 {options['xlsx']}")

    def _adjust(self, by, target, options):
        from quanze.evaluation.lawchange import selectors, services

        if not options["change"]:
            raise CommandError("须给出 --change 法规变更 id")
        change = selectors.access_change(by, options["change"])
        if change.act_id != int(target):
            raise CommandError(f"法规变更 {change.pk} 不属于法规 {target}")
        project = services.adjustment_open(by=by, change=change, title=options["title"] or "")
        self.stdout.write(
            f"已发起动态调整项目 {project.pk}「{project.title}」,共{project.changes.count()}项调整"
        )
