"""Scenario 001's claiming rule, without a database."""

import pytest

from quanze.delegation.scenarios import claim_rule as rule


def _townships():
    return [
        rule.Township("370124001000", "甲街道", "subdistrict", False, False, 3.0),
        rule.Township("370124100000", "乙镇", "town", True, True, 3.5),
        rule.Township("370124101000", "丙镇", "town", False, False, 1.5),
        rule.Township("370124200000", "丁乡", "xiang", False, False, 0.8),
    ]


def _items():
    fields = ["城市管理", "农业农村", "市场监管", "水利", "民政"]
    items = []
    for i in range(120):
        power_type = "行政许可" if i % 6 == 0 else "行政处罚"
        items.append(
            rule.CatalogItem(
                f"X{i:03d}", power_type, fields[i % 5], "basic" if i < 20 else "optional"
            )
        )
    return items


def test_it_claims_the_whole_basic_set_and_reaches_the_mean_and_maximum():
    choices = rule.claim_choices(_townships(), _items(), mean=70, top=90, licence_mean=10)
    counts = [sum(c.claimed for c in township) for township in choices.values()]
    assert sum(counts) == 70 * 4
    assert max(counts) == 90
    basic = {it.code for it in _items() if it.set_kind == "basic"}
    for township in choices.values():
        assert all(c.claimed for c in township if c.code in basic)
        assert all(c.reason for c in township if c.code not in basic)


def test_it_gives_the_most_to_the_developed_pilot_town():
    choices = rule.claim_choices(_townships(), _items(), mean=70, top=90, licence_mean=10)
    counts = {code: sum(c.claimed for c in township) for code, township in choices.items()}
    assert max(counts, key=counts.get) == "370124100000"
    assert min(counts, key=counts.get) == "370124200000"


def test_it_reaches_the_mean_of_approval_items():
    items = _items()
    licences = {it.code for it in items if it.power_type == "行政许可"}
    choices = rule.claim_choices(_townships(), items, mean=70, top=90, licence_mean=10)
    taken = [sum(c.claimed and c.code in licences for c in t) for t in choices.values()]
    assert sum(taken) == 40


def test_a_subdistrict_takes_urban_items_before_farm_items():
    choices = rule.claim_choices(_townships(), _items(), mean=50, top=60, licence_mean=6)
    fields = {it.code: it.field for it in _items()}
    street = choices["370124001000"]
    urban = sum(c.claimed for c in street if fields[c.code] == "城市管理")
    farm = sum(c.claimed for c in street if fields[c.code] == "农业农村")
    assert urban > farm


def test_it_is_deterministic():
    first = rule.claim_choices(_townships(), _items(), mean=70, top=90, licence_mean=10)
    assert first == rule.claim_choices(_townships(), _items(), mean=70, top=90, licence_mean=10)


def test_it_refuses_figures_the_catalog_cannot_hold():
    with pytest.raises(ValueError, match="超出自选盘范围"):
        rule.claim_choices(_townships(), _items(), mean=115, top=130, licence_mean=10)


def test_largest_remainder_keeps_the_total():
    assert rule.largest_remainder([1.5, 1.5, 1.0]) == [2, 1, 1]
    assert sum(rule.largest_remainder([0.3] * 10)) == 3
