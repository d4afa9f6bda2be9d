"""The row check's quick look (one pass over the row) decides as the cell-by-cell one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanze.catalog.importing import textcheck

texts = st.text(st.sampled_from("甲a =+-@'\t\r\n\x00\x01\x0b\x85\u3000"), max_size=6)
keys = st.sampled_from(["name", "code", "duties", "notes"])


def _checked(values: dict, extra: dict, quick: bool) -> tuple:
    values, extra, problems, warnings = dict(values), dict(extra), [], []
    with pytest.MonkeyPatch.context() as patch:
        if not quick:
            patch.setattr(textcheck, "_clean", lambda values, extra: False)
        textcheck.check_row(
            values,
            extra,
            where="第2行",
            problem=lambda column, message: problems.append((column, message)),
            warnings=warnings,
            label=str,
        )
    return values, extra, problems, warnings


@given(st.dictionaries(keys, texts), st.dictionaries(texts, texts, max_size=2))
def test_the_quick_look_finds_what_looking_at_every_cell_finds(values, extra):
    assert _checked(values, extra, True) == _checked(values, extra, False)
