"""`quanze sweep-uploads` (also `sweep_uploads`): delete uploaded import files past the
retention period (QUANZE_IMPORT_RETENTION_DAYS), for cron (see docs/import.md)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "删除超过保留期限的已上传导入文件(QUANZE_IMPORT_RETENTION_DAYS 天)"

    def handle(self, *args, **options):
        from quanze.catalog.importing.retention import uploads_sweep

        counts = uploads_sweep()
        self.stdout.write(
            f"已删除 {counts['deleted']} 个上传文件,其中 {counts['expired']} 个导入任务"
            "因长期未确认而标记为失败"
        )
