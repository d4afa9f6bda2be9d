"""The public downloads a published list as PDF from its page, and the file has Chinese fonts."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_downloads_the_official_pdf(page: Page, live_server, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.goto(f"{live_server.url}/catalog/versions/{world.published.pk}/")  # no login
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").click()
    download = download_info.value
    assert download.suggested_filename == "平阴县赋权乡镇指导目录_第1版.pdf"
    target = Path(tmp_path) / "list.pdf"
    download.save_as(target)
    fonts = subprocess.run(["pdffonts", target], capture_output=True, text=True, check=True)
    assert "Noto-Serif-CJK-SC" in fonts.stdout
    text = subprocess.run(["pdftotext", target, "-"], capture_output=True, text=True).stdout
    assert "平阴县赋权乡镇指导目录" in text and "平编发〔2025〕1号" in text
