"""The bigram search index finds exactly what `search_text LIKE '%term%'` finds, and
every write path keeps it current."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.catalog.powers import search_index, selectors
from quanze.catalog.powers import services as power_services
from quanze.catalog.powers.models import Power
from quanze.catalog.powers.search_index import grams
from quanze.testing import factories as f

# Few characters, so texts share grams; '%' and '_' are LIKE's wildcards, 'A' and 'İ'
# change under lower() ('İ' into two characters).
ALPHABET = list("执法审ab1%_AİZ")
TERMS = st.lists(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=5), min_size=1, max_size=3)


@st.composite
def _texts(draw, terms: list[str]) -> list[str]:
    """Texts pieced together from the terms, their two-character grams in any order,
    and other characters: many hold a term, many hold all its grams but not in a row."""
    pieces = [*terms, *(g for t in terms for g in grams(t))]
    piece = st.one_of(
        st.sampled_from(pieces), st.text(st.sampled_from([*ALPHABET, " "]), max_size=3)
    )
    texts = draw(st.lists(st.lists(piece, max_size=6).map("".join), min_size=1, max_size=8))
    # A term's grams in reverse order: all of them, but (mostly) not the term.
    return texts + ["".join(reversed(grams(t))) for t in terms if len(t) > 2]


def _make(owner, texts: list[str]) -> list[Power]:
    powers = [
        Power(
            owner=owner,
            code=f"T{i}",
            name="事项",
            power_type=f.power_type(),
            search_text=text.lower(),
        )
        for i, text in enumerate(texts)
    ]
    Power.objects.bulk_create(powers)
    search_index.index_powers(p.pk for p in powers)
    return powers


def _found(user, q: str) -> set[int]:
    return set(
        selectors.power_search(user, selectors.PowerFilter(q=q)).values_list("pk", flat=True)
    )


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), terms=TERMS)
def test_the_index_finds_exactly_the_powers_whose_text_contains_every_term(cast, data, terms):
    texts = data.draw(_texts(terms))
    with transaction.atomic():
        powers = _make(cast.county, texts)
        expected = {p.pk for p in powers if all(t.lower() in p.search_text for t in terms)}
        like = Power.objects.filter(owner=cast.county)
        for term in terms:
            like = like.filter(search_text__contains=term.lower())
        assert set(like.values_list("pk", flat=True)) == expected
        assert _found(cast.office, " ".join(terms)) == expected
        lowered = [t.lower() for t in terms]
        narrowed = search_index.filter_text(Power.objects.all(), lowered, lead=False)
        assert set(narrowed.values_list("pk", flat=True)) == expected
        transaction.set_rollback(True)


def test_a_longer_term_is_found_only_where_its_grams_are_consecutive(cast):
    split, whole = _make(cast.county, ["执法 法审", "ab执法审"])
    assert _found(cast.office, "执法审") == {whole.pk}
    assert _found(cast.office, "b执法") == {whole.pk}
    assert _found(cast.office, "执法") == {split.pk, whole.pk}


def test_the_index_search_keeps_the_access_filter(cast):
    mine = f.PowerFactory(owner=cast.county, name="对违法建设行为的行政执法")
    theirs = f.PowerFactory(owner=cast.other_county, name="商河县城管执法事项")
    assert _found(cast.office, "执法") == {mine.pk}
    assert _found(cast.outsider, "执法") == {theirs.pk}
    assert _found(cast.office, "城管执法") == set()


def test_a_search_with_many_matches_walks_the_rows_and_finds_the_same(cast, monkeypatch):
    texts = ["对违法建设行为的行政执法", "城管执法", "建设用地审批", "ab执法审"]
    powers = _make(cast.county, texts)
    monkeypatch.setattr(search_index, "LEAD_LIMIT", 1)  # 执法 has 3: "many"
    for q in ["执法", "执法 建设", "执法审", "审批", "法"]:
        expected = {p.pk for p in powers if all(t in p.search_text for t in q.split())}
        assert _found(cast.office, q) == expected, q


def test_editing_a_power_reindexes_it(cast):
    power = power_services.power_create(
        by=cast.office,
        owner=cast.county,
        code="XK-0009",
        name="建设用地审批",
        power_type=f.power_type("行政许可"),
    )
    assert _found(cast.office, "审批") == {power.pk}
    assert _found(cast.office, "xk-0009") == {power.pk}
    power_services.power_update(by=cast.office, power=power, name="建设用地核准")
    assert _found(cast.office, "审批") == set()
    assert _found(cast.office, "用地核准") == {power.pk}


def test_indexing_a_range_of_new_ids_replaces_what_the_index_held_for_them(cast):
    """Rows of deleted powers stay in the index (a flush empties the powers' table, not the
    index, and restarts the ids), so a bulk import's new powers may find rows at their ids."""
    powers = _make(cast.county, ["旧的执法", "旧的审批"])
    ids = [p.pk for p in powers]
    Power.objects.filter(pk__in=ids).update(search_text="新的核准")  # the index still says 旧
    search_index.index_id_range(min(ids) - 1, max(ids))
    assert _found(cast.office, "执法") == set()
    assert _found(cast.office, "核准") == set(ids)


@pytest.mark.django_db
def test_generated_powers_are_indexed_and_the_rebuild_gives_the_same_answers(tmp_path):
    call_command("generate", "--townships=3", "--items=40", "--seed=3", stdout=StringIO())
    terms = ["执法", "审批", "许可", "处罚", "城市管理", "37", "x"]

    def counts():
        ids = Power.objects.all()
        return [search_index.filter_text(ids, [t]).count() for t in terms]

    like = [Power.objects.filter(search_text__contains=t).count() for t in terms]
    assert counts() == like and like[0] > 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {search_index.TABLE}")
    assert counts()[:6] == [0] * 6
    out = StringIO()
    call_command("reindex_powers", stdout=out)
    assert counts() == like
    assert f"已重建 {Power.objects.count()} 项" in out.getvalue()
