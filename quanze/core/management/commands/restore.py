"""`quanze restore FILE`: put a `quanze backup` file back, replacing the database and
the uploaded files, then migrate and rebuild the search index (see
quanze/core/backup.py and docs/operations.md). Stop the web servers and `quanze
db_worker` first."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quanze.core import registry


class Command(BaseCommand):
    help = "从 quanze backup 生成的备份文件恢复数据库和上传文件(会替换现有全部数据)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="quanze backup 生成的备份文件")
        parser.add_argument(
            "--yes", action="store_true", help="不再询问,直接替换现有数据(用于脚本)"
        )

    def handle(self, *args, file, yes, **options):
        from quanze.core.backup import BackupError, backup_restore, restored_counts_differ

        if not yes and input("恢复将替换现有的全部数据和上传文件,确定吗?输入 yes 继续:") != "yes":
            raise CommandError("已取消,未做任何恢复")
        try:
            manifest = backup_restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        differ = restored_counts_differ(manifest)
        if differ:
            raise CommandError("恢复后的行数与备份不符:" + ";".join(differ[:10]))
        self.stdout.write(
            f"已恢复 {manifest['created_at']} 的备份:{len(manifest['tables'])} 张表的行数已核对,"
            f"上传文件 {manifest.get('media_files', 0)} 个"
        )
        call_command("migrate", verbosity=0, interactive=False)
        # Search indexes are tables no model describes: rebuilt from the restored rows by
        # the app that keeps each (registered in its AppConfig.ready()).
        for name, rebuild in registry.search_indexes().items():
            with transaction.atomic():
                count = rebuild()
            self.stdout.write(f"已重建检索索引 {name}:{count} 条")
