"""Page and type of the official lists, shared by the .docx and the PDF.

A4 landscape; each kind of list has its own columns (`model.Columns`), whose
widths in mm sum to the text width. Word documents name
the fonts Chinese offices have (宋体 for the table, 黑体 for title and headers);
the PDF embeds Noto CJK, installed with the system package fonts-noto-cjk.
"""

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 297, 210
MARGIN_TOP_MM, MARGIN_SIDE_MM, MARGIN_BOTTOM_MM = 18, 15, 18
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_SIDE_MM  # 267

DOCX_BODY_FONT = "宋体"
DOCX_TITLE_FONT = "黑体"
DOCX_META_FONT = "仿宋"
TITLE_PT, META_PT, TABLE_PT = 18, 12, 9

PDF_FONT_FAMILY = '"Noto Serif CJK SC", "Noto Sans CJK SC", serif'
