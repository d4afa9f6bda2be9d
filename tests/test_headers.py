"""Security headers and error pages: Content-Security-Policy on every response, Chinese
400/403/404/500 pages, and sessions that end after 30 idle minutes."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import Client
from django.urls import path
from django.utils import timezone

from quanze.core.sessions import KEY, RENEW_EVERY
from quanze.env import envint
from quanze.testing.csp import csp_refusals
from quanze.urls import urlpatterns as site_urls


def boom(request):
    raise RuntimeError("an unexpected bug")


def refused(request):
    raise PermissionDenied("no")


urlpatterns = [path("test-boom/", boom), path("test-refused/", refused), *site_urls]


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_every_response_carries_a_policy_that_refuses_inline_and_foreign_scripts(client, cast):
    client.force_login(cast.office)
    for url in ("/", "/login/", "/catalog/powers/", "/no-such-page/"):
        policy = _policy(client.get(url))
        assert policy["script-src"] == "script-src 'self'", url
        assert policy["style-src"] == "style-src 'self'"
        assert policy["object-src"] == "object-src 'none'"
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"
        assert "unsafe" not in policy["default-src"]


def test_the_checker_finds_what_the_policy_refuses():
    assert (
        csp_refusals(
            '<script src="/static/a.js"></script><script type="application/json">{}</script>'
        )
        == []
    )
    found = csp_refusals(
        '<script>alert(1)</script><style>p{}</style><a href="javascript:x()">x</a>'
        '<form onsubmit="go()"></form><script src="https://cdn.example.com/x.js"></script>'
    )
    assert len(found) == 5


@pytest.mark.urls(__name__)
def test_an_unexpected_error_shows_a_chinese_500_page(cast):
    client = Client(raise_request_exception=False)
    response = client.get("/test-boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "服务器内部错误" in text and "请稍后重试" in text
    assert "Server Error" not in text and "Traceback" not in text
    assert csp_refusals(text) == [] and "Content-Security-Policy" in response.headers


@pytest.mark.urls(__name__)
def test_403_and_404_pages_are_chinese(client, cast):
    client.force_login(cast.dept_clerk)
    response = client.get("/test-refused/")
    assert response.status_code == 403 and "无权访问" in response.content.decode()
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
    assert "Not Found" not in response.content.decode()


def test_a_stale_form_gets_a_chinese_csrf_page(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "office", "password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "请求已失效" in text and "CSRF verification failed" not in text


def test_a_session_ends_after_30_idle_minutes_and_requests_renew_it(client, cast, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(cast.office)
    session = Session.objects.get()
    # Idle 20 minutes: still signed in, and the request moves the end 30 minutes on.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=10))
    stored = session.get_decoded()
    stored[KEY] -= RENEW_EVERY  # renewed a minute ago
    Session.objects.filter(pk=session.pk).update(session_data=SessionStore().encode(stored))
    assert client.get("/notices/").status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)
    # Idle 30 minutes: the session is over, the next page asks to log in again.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/notices/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_session_is_written_at_most_once_a_minute(client, cast):
    client.force_login(cast.office)
    client.get("/notices/")
    expiry = Session.objects.get().expire_date
    for _ in range(3):
        client.get("/notices/")
    assert Session.objects.get().expire_date == expiry  # no write within the minute


def test_the_idle_timeout_is_read_strictly(monkeypatch):
    monkeypatch.setenv("QZ_MINUTES", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        envint("QZ_MINUTES", 30, minimum=1)
    monkeypatch.setenv("QZ_MINUTES", "45")
    assert envint("QZ_MINUTES", 30, minimum=1) == 45
    env = dict(os.environ, DEBUG="true", QUANZE_SESSION_IDLE_MINUTES="half an hour")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set in this process for Playwright's loop
    result = subprocess.run(
        [sys.executable, "-m", "quanze.cli", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "QUANZE_SESSION_IDLE_MINUTES" in result.stderr
