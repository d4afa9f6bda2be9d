"""`quanze exam-results`: import a sitting's results from .xlsx/.csv (all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "导入执法资格考试成绩(准考证号、姓名、成绩;任何一行有误则整个文件不导入)"

    def add_arguments(self, parser):
        parser.add_argument("sitting", type=int, help="考试编号")
        parser.add_argument("file", help="成绩表 .xlsx 或 .csv")
        parser.add_argument("--by", required=True, help="司法局用户的用户名")

    def handle(self, *args, sitting, file, by, **options):
        from django.core.exceptions import ValidationError

        from quanze.core.errors import Forbidden, NotFound, messages_of
        from quanze.enforcement.exams import selectors, services
        from quanze.enforcement.exams.results import ResultsRejected
        from quanze.org.models import User

        user = User.objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(f"--by:没有用户「{by}」")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件:找不到「{file}」")
        try:
            found = selectors.access_sitting(user, sitting)
            warnings: list[str] = []
            count = services.results_import(
                by=user, sitting=found, path=path, file_name=path.name, warnings=warnings
            )
        except ResultsRejected as rejected:
            raise CommandError("成绩表未导入:\n" + "\n".join(rejected.problems[:200])) from None
        except (Forbidden, NotFound) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(";".join(messages_of(error))) from None
        for text in warnings:
            self.stdout.write(f"注意:{text}")
        rates = selectors.pass_rates(found)
        self.stdout.write(
            f"已导入{count}名考生的成绩:实考{rates.sat}人,合格{rates.passed}人,通过率{rates.percent}%"
        )
