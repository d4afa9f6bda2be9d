"""What the Content-Security-Policy (settings.SECURE_CSP) would refuse in a page's HTML:
inline scripts, <style> blocks, event-handler attributes, javascript: links, and scripts
or stylesheets from another site. Style attributes are allowed (style-src-attr)."""

from html.parser import HTMLParser

DATA_SCRIPTS = {"application/json", "application/ld+json"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script":
            src = attrs.get("src")
            if src is None and (attrs.get("type") or "").lower() not in DATA_SCRIPTS:
                self._inline_script = True
            elif src and "//" in src:
                self.found.append(f"<script src={src}>")
        if (
            tag == "link"
            and "stylesheet" in (attrs.get("rel") or "")
            and "//" in attrs.get("href", "")
        ):
            self.found.append(f"<link href={attrs['href']}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = False

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}…")


def csp_refusals(html: str) -> list[str]:
    finder = _Finder()
    finder.feed(html)
    return finder.found
