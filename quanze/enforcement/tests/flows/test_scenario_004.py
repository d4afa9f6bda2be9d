"""Scenario 004 continued into enforcement: guidance for the county's penalty items, 27
guiding cases of which 6 chosen and published, the document set of one case; the
figures printed are the selectors' own."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case
from quanze.enforcement.documents.kinds import KINDS
from quanze.enforcement.guidance.models import Guidance, GuidingCase
from quanze.enforcement.scenarios import s004
from quanze.org.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.cost(60)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("scenario", "004", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def figures(loaded, db):
    bureau = User.objects.get(username="reviewer")
    return s004.report(bureau, s004_case())


def s004_case():
    return Case.objects.get(title=s004.CASE_TITLE)


def test_guidance_is_published_for_every_penalty_item(loaded, figures):
    powers = s004.penalty_powers(User.objects.get(username="reviewer").county)
    assert figures["guidance"] == len(powers) > 100
    assert Guidance.objects.filter(status="published").count() == len(powers)
    assert f"执法指引:已发布 {len(powers)} 项" in loaded


def test_27_collected_6_chosen_and_published(loaded, figures):
    assert (figures["collected"], figures["published"], figures["rejected"]) == (27, 6, 21)
    assert "指导案例:收集 27 件,经专家评审入选并发布 6 件,未入选 21 件" in loaded
    published = GuidingCase.objects.filter(status="published")
    assert sorted(c.number for c in published) == sorted(f"指导案例第{n}号" for n in range(1, 7))
    for case in published:
        assert case.reviews.filter(recommend=True).count() == 2
        assert case.powers.count() == 1


def test_the_document_set_of_one_case(loaded, figures):
    case, kinds = figures["case"], figures["kinds"]
    assert case.state == m.CLOSED and case.reviewer is not None
    codes = [k.code for k in kinds]
    assert codes == [k.code for k in KINDS if k.code in codes]  # lifecycle order
    for code in ("filing", "inquiry", "legal_review", "notice", "decision", "service", "closing"):
        assert code in codes
    assert all(size > 5000 for size in figures["sizes"].values())
    assert figures["case_file_bytes"] > 50_000
    assert f"案件 {case.number}(已结案):生成文书 {len(kinds)} 种(.docx):" in loaded
    assert "、".join(k.name for k in kinds) in loaded


def test_a_second_run_adds_nothing(loaded, db):
    before = (Guidance.objects.count(), GuidingCase.objects.count())
    call_command("scenario", "004", stdout=StringIO())
    assert (Guidance.objects.count(), GuidingCase.objects.count()) == before
    assert s004_case()
