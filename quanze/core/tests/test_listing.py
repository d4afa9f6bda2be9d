"""The shared list tools: search inside, sort by any column, page."""

from hypothesis import given
from hypothesis import strategies as st

from quanze.core.listing import PAGE_SIZES, listing, sort_rows

ROWS = [
    {"position": 1, "code": "CG-010", "name": "违法建设查处", "notes": ""},
    {"position": 2, "code": "CG-002", "name": "占道经营处罚", "notes": "城管"},
    {"position": 10, "code": "CG-001", "name": "违法占道处罚", "notes": None},
]
COLUMNS = ["position", "code", "name", "notes"]


def test_every_word_must_be_found_in_some_column():
    found = listing({"q": "违法 处罚"}, ROWS, columns=COLUMNS)
    assert [r["code"] for r in found.page] == ["CG-001"]
    assert found.total == 3 and found.page.paginator.count == 1


def test_numbers_sort_as_numbers_and_empty_values_go_last():
    assert [r["position"] for r in sort_rows(ROWS, "-position")] == [10, 2, 1]
    assert [r["notes"] for r in sort_rows(ROWS, "notes")] == ["城管", "", None]


def test_an_unknown_sort_or_size_falls_back_and_links_keep_the_rest():
    found = listing({"sort": "password", "size": "7", "view": "x"}, ROWS, columns=COLUMNS)
    assert found.sort == "" and found.page_size == PAGE_SIZES[0]
    assert found.sort_url("code") == "?view=x&sort=code&size=50"
    sorted_ = listing({"sort": "code"}, ROWS, columns=COLUMNS)
    assert sorted_.sort_url("code").startswith("?sort=-code")
    assert sorted_.sort_state("code") == "ascending"


@given(st.lists(st.integers(0, 500), max_size=300), st.sampled_from(PAGE_SIZES))
def test_paging_shows_every_row_once(values, size):
    rows = [{"position": v} for v in values]
    seen = []
    page_number = 1
    while True:
        found = listing({"size": str(size), "page": str(page_number)}, rows, columns=["position"])
        seen += [r["position"] for r in found.page]
        if not found.page.has_next():
            break
        page_number += 1
    assert sorted(seen) == sorted(values)
