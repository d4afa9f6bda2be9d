"""`quanze document-template --user NAME KIND PATH` replaces the county's template of a kind
(`--reset` goes back to the default), through the same service as the page and the API."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quanze.core.errors import Forbidden, NotFound, messages_of
from quanze.enforcement.documents import services
from quanze.org.models import User


class Command(BaseCommand):
    help = "更换或恢复本县(市、区)的执法文书模板(编办、司法局)"

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="以该用户身份操作")
        parser.add_argument("kind", help="文书种类代码")
        parser.add_argument("path", nargs="?", help="模板文件(.docx)")
        parser.add_argument("--reset", action="store_true", help="恢复默认模板")

    def handle(self, *args, user, kind, path, reset, **options):
        by = User.objects.filter(username=user).first()
        if by is None:
            raise CommandError(f"用户:没有用户「{user}」")
        try:
            if reset:
                services.template_reset(by=by, kind=kind)
                self.stdout.write(f"{kind} 已恢复默认模板")
                return
            if not path:
                raise CommandError("模板文件:请给出 .docx 文件路径")
            source = Path(path)
            row = services.template_upload(
                by=by, kind=kind, file_name=source.name, content=source.read_bytes()
            )
        except ValidationError as error:
            raise CommandError(";".join(messages_of(error))) from None
        except (Forbidden, NotFound) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"已更换 {kind} 模板:{row.file_name}(SHA-256 {row.sha256[:12]})")
