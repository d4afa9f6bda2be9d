"""Official documents of a catalog version (issue 3 item 9): the list as .docx and PDF.

`list_document(version)` gathers what an official list shows (title, document number,
effective date, one row per item: 序号, 事项名称, 类型, 依据, 原实施主体, 承接主体, 方式);
`docx.render` and `pdf.render` lay it out on A4 landscape with Chinese fonts embedded
or named, repeated header rows and page numbers. The .xlsx/.csv export stays in
`quanze.catalog.exporting` (the standard import layout, not a document).
"""

from quanze.catalog.documents.content import HEADERS, ListDocument, list_document

__all__ = ["HEADERS", "ListDocument", "list_document"]
