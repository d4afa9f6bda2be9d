"""`quanze backup FILE`: the database and the uploaded files in one file (see
quanze/core/backup.py and docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "将数据库和上传文件备份到一个文件(tar)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件的路径,如 quanze-20260101.tar")

    def handle(self, *args, file, **options):
        from quanze.core.backup import BackupError, backup_write

        try:
            manifest = backup_write(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"已备份到 {file}:{manifest['database']} 数据库 {len(manifest['tables'])} 张表、"
            f"{rows} 行,上传文件 {manifest['media_files']} 个"
        )
