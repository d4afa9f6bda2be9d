"""Sessions end after QUANZE_SESSION_IDLE_MINUTES without a request.

The session's end is kept on the server (its row's `expire_date` = last save +
SESSION_COOKIE_AGE). Saving it on every request (SESSION_SAVE_EVERY_REQUEST) would add
a database write to every page, a write lock each on SQLite; this middleware renews it
at most once a minute per session instead, so a session ends between 29 and 30 idle
minutes after its last request.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

KEY = "_quanze_renewed"
RENEW_EVERY = 60  # seconds


def _stamp(session) -> None:
    session[KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Renew a signed-in session's expiry when a minute has passed since the last renewal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.session_key is not None:
            renewed = session.get(KEY)
            if not isinstance(renewed, int) or time.time() - renewed >= RENEW_EVERY:
                _stamp(session)  # modified: SessionMiddleware saves it, with a new expiry
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="quanze-session-stamp")
def _stamp_at_login(sender, request, user, **kwargs):
    _stamp(request.session)
