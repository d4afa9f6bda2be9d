"""quanze users [关键词]: user names, roles and units (what `--user` takes)."""

from django.core.management.base import BaseCommand

from quanze.org.selectors import user_directory


class Command(BaseCommand):
    help = "列出用户的用户名、角色和所属单位(--user 用的用户名)"

    def add_arguments(self, parser):
        parser.add_argument("q", nargs="?", default="", help="按用户名或单位名称筛选")

    def handle(self, *args, q, **options):
        users = list(user_directory(q=q))
        for user in users:
            unit = user.department or user.township or user.county or "未分配单位"
            role = user.get_role_display() or "未分配角色"
            self.stdout.write(f"    {user.username}  {role}  {unit}")
        self.stdout.write(f"共 {len(users)} 个用户")
