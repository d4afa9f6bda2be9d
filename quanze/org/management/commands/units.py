"""quanze units [关键词]: divisions and departments with their ids and codes."""

from django.core.management.base import BaseCommand

from quanze.org.selectors import unit_directory


class Command(BaseCommand):
    help = "列出行政区划(县、乡镇街道)和部门,及其 ID 与代码"

    def add_arguments(self, parser):
        parser.add_argument("q", nargs="?", default="", help="按名称或区划代码筛选")

    def handle(self, *args, q, **options):
        divisions, departments = unit_directory(q=q)
        self.stdout.write("行政区划:")
        for division in divisions:
            self.stdout.write(
                f"    ID {division.pk}  {division.code}  {division.name}  "
                f"〔{division.get_level_display()}〕"
            )
        self.stdout.write("部门:")
        for department in departments:
            self.stdout.write(
                f"    ID {department.pk}  {department.name}  〔{department.division}〕"
            )
        self.stdout.write(f"共 {len(divisions)} 个区划、{len(departments)} 个部门")
