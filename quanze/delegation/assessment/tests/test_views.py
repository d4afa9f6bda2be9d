"""The assessment list: search inside it and sort by any column."""

import pytest
from django.urls import reverse

from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_the_office_searches_and_sorts_the_items(client, w):
    client.force_login(w.cast.office)
    url = reverse("delegation:assessment_list", args=[w.project.pk])
    urban, land = str(w.urban_item.power), str(w.land_item.power)
    page = client.get(url).text
    assert urban in page and land in page and "共 2 行" in page
    found = client.get(url, {"q": w.land_item.power.department.name}).text
    assert land in found and urban not in found and "找到 1 行(共 2 行)" in found
    # Necessity 4.5 (urban) before 3 (land) when sorted from high to low.
    ranked = client.get(url, {"sort": "-necessity"}).text
    assert ranked.index(urban) < ranked.index(land)
    ranked = client.get(url, {"sort": "necessity"}).text
    assert ranked.index(land) < ranked.index(urban)
