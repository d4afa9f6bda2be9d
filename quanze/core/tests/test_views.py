from django.urls import reverse

from quanze.testing.factories import PASSWORD


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_logs_in_with_the_right_password(client, cast):
    response = _login(client, "office", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("catalog:power_list")).status_code == 200


def test_the_sixth_login_after_five_failures_is_refused_even_with_the_right_password(client, cast):
    for _ in range(4):
        assert "用户名或密码不正确" in _login(client, "office", "wrong-password").text
    assert _login(client, "office", "wrong-password").status_code == 429  # the fifth locks
    response = _login(client, "office", PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.text
    assert "_auth_user_id" not in client.session
    # The lock is per username: another user still gets in.
    assert _login(client, "reviewer", PASSWORD).status_code == 302


def test_the_history_page_asks_the_public_to_log_in(client, cast):
    response = client.get(reverse("history", args=["division", cast.county.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_history_of_an_unknown_kind_of_object_is_not_found(client, cast):
    client.force_login(cast.office)
    assert client.get(reverse("history", args=["user", cast.office.pk])).status_code == 404
