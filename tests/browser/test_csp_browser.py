"""The main pages under the Content-Security-Policy in real Chromium: the browser
reports no violation (no refused script, style or connection), with htmx and ECharts
loaded from the site's own static files."""

import pytest
from playwright.sync_api import Page, expect
from test_browser import log_in
from test_permission_matrix import ALL_PAGES, build_matrix_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN = {
    "home", "catalog:catalog_list", "catalog:catalog_detail", "catalog:version_detail",
    "catalog:version_diff", "catalog:power_list", "catalog:power_detail", "catalog:import_start",
    "catalog:import_detail", "delegation:claim_stats", "delegation:timeline",
    "dispatch:event_list", "dispatch:measures", "notice_list", "api-1:openapi-view",
}  # fmt: skip
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def test_the_main_pages_break_no_policy_rule(page: Page, live_server, tmp_path):
    w = build_matrix_world(tmp_path)  # committed: the live server's thread reads it
    messages = []
    page.on(
        "console", lambda m: messages.append(m.text) if m.type in ("error", "warning") else None
    )
    page.add_init_script(WATCH)
    log_in(page, live_server, "office")
    urls = []
    for route, method, url_of, _data, expected in ALL_PAGES:
        if method == "get" and route in MAIN and expected[1] == 200:
            url = url_of(w)
            if url not in urls:
                urls.append(url)
    assert len(urls) >= len(MAIN)
    violations = {}
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__csp")
        if found:
            violations[url] = found
    refused = [m for m in messages if "Content Security Policy" in m]
    assert not violations and not refused, (violations, refused)
    # The charts did draw (ECharts ran from its static file, not blocked).
    page.goto(f"{live_server.url}/dispatch/measures/")
    expect(page.locator("#rates canvas")).to_have_count(1)
    # And htmx works: typing in the power search swaps the results in place.
    page.goto(f"{live_server.url}/catalog/powers/")
    page.locator("#id_q").fill("审批")
    expect(page.locator("#results")).to_contain_text("审批")
