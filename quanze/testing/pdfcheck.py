"""Checks that a PDF of an official list shows Chinese: the CJK font is embedded
(pdffonts) and page 1 draws ink where the title is (pdftoppm). Shared by the tests
of every kind of list document.

Without a CJK font named in the CSS WeasyPrint draws empty boxes while text
extraction still looks right, so extracted text alone proves nothing.
"""

import os
import shutil
import subprocess

import pytest


@pytest.fixture
def pdf_ready():
    """PDF tests need WeasyPrint's Pango and poppler-utils (.ci/run installs them); on a
    machine without them they skip, unless QUANZE_REQUIRE_BROWSER=1 says they must run."""
    missing = [tool for tool in ("pdffonts", "pdftotext", "pdftoppm") if not shutil.which(tool)]
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        missing.append(f"weasyprint ({error})")
    if missing and os.environ.get("QUANZE_REQUIRE_BROWSER") != "1":
        pytest.skip(f"缺少生成或检查 PDF 的系统组件: {', '.join(missing)}")


def assert_cjk_embedded(path) -> None:
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    # name type encoding emb sub uni ...: every CJK font is embedded (as a subset).
    assert all(line.split()[-5] == "yes" for line in cjk), fonts


def assert_title_inked(path, folder) -> None:
    """Page 1 as an image: the title band has dark pixels (glyphs), as a check that the
    page is drawn at all; that they are glyphs, not boxes, `assert_cjk_embedded` proves."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", path, folder / "p"],
                   check=True)  # fmt: skip
    image = Image.open(next(folder.glob("p*.png"))).convert("L")
    width, height = image.size
    title_band = image.crop((width // 4, 0, 3 * width // 4, height // 6))
    assert title_band.getextrema()[0] < 100


def pdf_text(path, *, layout: bool = False) -> str:
    command = ["pdftotext", *(["-layout"] if layout else []), path, "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout
