"""Scenario 003 (Xuchang). The full plan holds the source's figures (3,514 powers of 31
departments in three batches, 105 townships, 23 towns with county powers): checked on
the plan, without a database. The database run, once per module, loads a scaled-down
plan (all 31 departments, 10 powers each, a fifth of the townships) through the same
code path as `quanze scenario 003` and checks that the portal's own selectors and pages
give back what the plan put in. The full load (about 70 s on SQLite) is the CLI's."""

from io import StringIO

import pytest

from quanze.catalog.catalogs.models import Catalog
from quanze.org.models import Division
from quanze.portal.scenarios import plan003, s003

SMALL = {"powers": 310, "scale": 0.2}


def test_the_full_plan_has_the_source_figures():
    plan = plan003.plan_003(lambda name: "XX")
    assert plan.powers == 3514
    assert len(plan.departments) == 31
    assert len({r.department for batch in plan.batches for r in batch}) == 31
    assert len(plan.batches) == 3 and all(plan.batches)
    townships = [t for rows in plan.townships.values() for t in rows]
    assert len(townships) == 105 and len(plan.townships) == 6
    assert sum(t.developed for t in townships) == 23
    assert len({t.code for t in townships}) == 105
    codes = [r.code for batch in plan.batches for r in batch]
    assert len(set(codes)) == len(codes)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        plan = s003.make_plan(**SMALL)
        city = s003.build(plan)
        s003.build(plan)  # a second run adds nothing
        out = StringIO()
        for line in s003.describe(s003.figures(city)):
            out.write(line + "\n")
        yield plan, city, out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
def test_the_portal_gives_back_the_departments_and_batches(loaded):
    plan, city, text = loaded
    found = s003.figures(city)
    assert found.powers == plan.powers == 310
    assert len(found.departments) == 31
    assert [added for _, _, added in found.batches] == [len(b) for b in plan.batches]
    assert [doc for _, doc, _ in found.batches] == list(plan003.BATCH_DOCUMENTS)
    assert "31 个部门共 310 项行政职权,分 3 批公布" in text
    assert Catalog.objects.filter(name=plan003.POWERS_LIST).count() == 1


@pytest.mark.django_db
def test_every_township_has_its_list_and_the_towns_hold_county_powers(loaded):
    plan, city, text = loaded
    found = s003.figures(city)
    townships = [t for rows in plan.townships.values() for t in rows]
    developed = sum(t.developed for t in townships)
    assert len(found.townships) == len(townships)
    assert found.towns_with_county_powers == developed > 0
    for _, _, items, delegated in found.townships:
        assert items == len(plan.basic) + delegated
        assert delegated in (0, len(plan.delegation))
    assert f"{developed} 个镇(街道)以“委托+交办”承接县级权限" in text


@pytest.mark.django_db
def test_a_town_list_page_shows_the_modes_and_the_unit_contact(loaded, client):
    plan, city, _ = loaded
    town = Division.objects.filter(economically_developed=True, code__startswith="4110").first()
    catalog = Catalog.objects.get(owner=town, kind=Catalog.Kind.TOWNSHIP_LIST)
    page = client.get(f"/portal/lists/catalog/{catalog.pk}/").content.decode()
    assert "以交办方式赋予" in page and town.contact_phone in page
    first = client.get(f"/portal/lists/catalog/{catalog.pk}/?v=2").content.decode()
    assert "以委托方式赋予" in first


@pytest.mark.django_db
def test_each_county_decision_published_the_town_lists(loaded, client):
    from quanze.delegation.decisions.models import Decision

    plan, city, _ = loaded
    counties = [c for c, _, _, towns in plan003.COUNTIES if towns and plan.townships[c]]
    published = Decision.objects.filter(status=Decision.Status.PUBLISHED)
    for code in counties:
        assert published.filter(batch__project__county__code=code + "000000").count() == 2
    town = Division.objects.filter(economically_developed=True, code__startswith="4110").first()
    catalog = Catalog.objects.get(owner=town, kind=Catalog.Kind.TOWNSHIP_LIST)
    for number, mode in ((2, "委托"), (3, "交办")):
        version = catalog.versions.get(number=number)
        decision = published.get(document_number=version.document_number, townships=town)
        page = client.get(f"/portal/lists/catalog/{catalog.pk}/?v={number}").content.decode()
        assert "发布决定" in page and decision.document_number in page
        assert f"{mode}," in page and decision.get_mode_display() == mode


@pytest.mark.django_db
def test_the_admission_rule_puts_the_duty_on_the_territorial_list(loaded):
    _, city, text = loaded
    county, matter, document, townships, before, after = s003.figures(city).admission
    assert matter == s003.ADMITTED_MATTER and document.endswith("编办〔2021〕8号")
    assert townships > 0 and before == townships and after == 0
    assert f"准入前 {townships} 个,准入后 0 个" in text
