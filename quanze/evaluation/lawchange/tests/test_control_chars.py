"""Every law-change write that stores text refuses control characters with the field's
Chinese name (issue 9), before it runs: pages, API and CLI alike."""

from quanze.evaluation.lawchange import services
from quanze.testing.textchecks import assert_refuses_control_chars


def test_every_text_writing_service_refuses_control_characters(db):
    proved = assert_refuses_control_chars(
        services.act_create, services.articles_import, services.change_record_save
    )
    assert proved == 6
