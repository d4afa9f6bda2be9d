"""`quanze case-documents --user NAME --case ID [--kind CODE] [--format docx|pdf] [--out DIR]`:
write a case's document (or, without --kind, its case file as PDF) to a file, as that
user sees the case; `--list` names the documents the case has."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quanze.core.errors import NotFound
from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.documents import selectors
from quanze.enforcement.documents.context import document_number
from quanze.org.models import User


class Command(BaseCommand):
    help = "导出执法文书(Word 或 PDF)或案卷(PDF)"

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="以该用户身份读取案件")
        parser.add_argument("--case", type=int, required=True, help="案件 ID")
        parser.add_argument("--kind", help="文书种类代码(见 docs/enforcement.md);不写则导出案卷")
        parser.add_argument("--format", default="docx", choices=sorted(selectors.FORMATS))
        parser.add_argument("--out", default=".", help="输出目录")
        parser.add_argument("--list", action="store_true", help="只列出本案当前可出具的文书")

    def handle(self, *args, user, case, kind, format, out, list, **options):  # noqa: A002
        by = User.objects.filter(username=user).first()
        if by is None:
            raise CommandError(f"用户:没有用户「{user}」")
        try:
            if list:
                found = access_case(by, case)
                for item in selectors.case_documents(found):
                    self.stdout.write(f"{item.code}\t{item.name}\t{document_number(found, item)}")
                return
            if kind:
                _case, record, found_kind = selectors.access_document(by, case, kind)
                content, _type, name = selectors.document_content(record, found_kind, format)
            else:
                content, _type, name = selectors.case_file_content(access_case(by, case))
        except NotFound as error:
            raise CommandError(str(error)) from None
        path = Path(out) / name
        path.write_bytes(content)
        self.stdout.write(f"已写出 {path}({len(content)} 字节)")
