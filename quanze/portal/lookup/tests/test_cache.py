"""谁来管's caches: a repeated question is one query; the same words with other spaces
reuse the answer; a new territorial version or a new vocabulary word shows at once."""

from datetime import date

import pytest

from quanze.dispatch.suggestion import services as vocabulary
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.models import Matter
from quanze.duties.territorial.tests.builders import published_list, rows

pytestmark = pytest.mark.django_db

URL = "/portal/lookup/"


def test_a_repeated_question_is_one_query(client, cast, django_assert_max_num_queries):
    published_list(cast)
    first = client.get(URL, {"text": "邻居私搭乱建", "place": "玫瑰镇"})
    assert "平阴县城市管理局" in first.content.decode()
    with django_assert_max_num_queries(1):  # the public generation
        again = client.get(URL, {"text": "邻居私搭乱建", "place": "玫瑰镇"})
    assert again.content == first.content and again["ETag"] == first["ETag"]
    with django_assert_max_num_queries(1):  # other spaces: the answer is reused
        spaced = client.get(URL, {"text": "  邻居私搭乱建 ", "place": " 玫瑰镇"})
    assert "平阴县城市管理局" in spaced.content.decode() and "第1项" in spaced.content.decode()


def test_a_new_territorial_version_answers_at_once(
    client, cast, django_capture_on_commit_callbacks
):
    published_list(cast)
    question = {"text": "邻居私搭乱建", "place": "玫瑰镇"}
    assert "平阴县城市管理局承担主体责任" in client.get(URL, question).content.decode()
    changed = rows(cast)
    changed[0].primary_department = cast.land  # 违法建设查处 now led by 自然资源局
    changed[0].co_departments = [(cast.urban, "配合拆除")]
    listing = territorial.list_for_county(by=None, county=cast.county)
    with django_capture_on_commit_callbacks(execute=True):
        draft = territorial.version_draft(by=None, responsibility_list=listing)
        territorial.version_set_items(by=None, version=draft, rows=changed)
        territorial.version_publish(
            by=None,
            version=draft,
            effective_date=date(2025, 6, 1),
            document_number="平编发〔2025〕7号",
        )
    page = client.get(URL, question).content.decode()
    assert "第2版(自2025年06月01日起施行)第1项「违法建设查处」:平阴县自然资源局承担主体责任" in page
    assert "「违法建设查处」:平阴县城市管理局承担主体责任" not in page


def test_a_new_vocabulary_word_answers_at_once(client, cast, django_capture_on_commit_callbacks):
    published_list(cast)
    question = {"text": "楼顶起了个阳光房", "place": "玫瑰镇"}
    assert "本县词表" not in client.get(URL, question).content.decode()
    matter = Matter.objects.get(name="违法建设查处")
    with django_capture_on_commit_callbacks(execute=True):
        vocabulary.vocabulary_add(by=cast.office, county=cast.county, words="阳光房", matter=matter)
    page = client.get(URL, question).content.decode()
    assert "本县词表" in page and "违法建设查处" in page
