"""Every enforcement write that stores text refuses control characters with the field's
Chinese name (issue 9): the services that check text themselves, and those that call
validate_model, so the pages, the API and the CLI alike."""

import pytest
from django.core.exceptions import ValidationError

from quanze.enforcement.benchmarks import services as benchmarks
from quanze.enforcement.cases import services as cases
from quanze.enforcement.documents import services as documents
from quanze.enforcement.officers import services as officers
from quanze.enforcement.review import services as review
from quanze.testing.textchecks import assert_refuses_control_chars


def test_every_text_writing_service_refuses_control_characters(db):
    proved = assert_refuses_control_chars(
        benchmarks.apply_to_step,
        cases.case_step,
        officers.certificate_set_status,
        review.sheet_create,
        review.round_create,
        review.file_score,
        documents.template_upload,
    )
    assert proved == 11


def test_a_benchmark_name_with_a_control_character_is_refused(world):
    with pytest.raises(ValidationError) as raised:
        benchmarks.benchmark_create(by=world.cast.reviewer, name="裁量\x1b基准")
    assert raised.value.message_dict["name"][0].startswith("名称:含有不可见的控制字符 U+001B")


def test_the_benchmark_page_names_the_field_and_stores_nothing(client, world):
    from quanze.enforcement.benchmarks.models import Benchmark

    client.force_login(world.cast.reviewer)
    response = client.post("/enforcement/benchmarks/new/", {"name": "裁量\x85基准"})
    assert response.status_code == 200, response.status_code
    assert "含有不可见的控制字符 U+0085" in response.content.decode()
    assert not Benchmark.objects.exists()
