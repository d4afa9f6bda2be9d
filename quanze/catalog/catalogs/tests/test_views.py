import pytest
from django.urls import reverse

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import CatalogVersion
from quanze.catalog.powers import services as power_services
from quanze.testing import factories as f
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


def test_the_catalog_page_lists_versions_with_status_and_counts(client, world):
    client.force_login(world.cast.office)
    response = client.get(reverse("catalog:catalog_detail", args=[world.county_catalog.pk]))
    versions = {v.number: v for v in response.context["catalog"].version_list}
    assert versions[1].entry_count == 2 and versions[1].status == "published"
    assert versions[2].status == "draft"
    assert "平编发〔2025〕1号" in response.text and "已发布" in response.text


def test_the_public_sees_published_versions_only(client, world):
    response = client.get(reverse("catalog:catalog_detail", args=[world.county_catalog.pk]))
    assert [v.number for v in response.context["catalog"].version_list] == [1]
    page = client.get(reverse("catalog:version_detail", args=[world.published.pk]))
    assert "对违法建设行为的行政执法" in page.text
    assert client.get(reverse("catalog:version_detail", args=[world.draft.pk])).status_code == 404
    listed = {c.name for c in client.get(reverse("catalog:catalog_list")).context["catalogs"]}
    assert listed == {"平阴县赋权乡镇指导目录", "商河县指导目录"}


def test_a_published_version_shows_its_snapshot_not_later_edits(client, world):
    power_services.power_update(by=world.cast.office, power=world.urban_power, name="改过的名称")
    page = client.get(reverse("catalog:version_detail", args=[world.published.pk]))
    assert "对违法建设行为的行政执法" in page.text and "改过的名称" not in page.text


def test_the_office_publishes_a_draft(client, world):
    client.force_login(world.cast.office)
    url = reverse("catalog:version_publish", args=[world.draft.pk])
    response = client.post(
        url, {"effective_date": "2025-06-01", "document_number": "平编发〔2025〕9号"}
    )
    assert response.status_code == 302
    world.draft.refresh_from_db()
    world.published.refresh_from_db()
    assert (world.draft.status, world.published.status) == ("published", "superseded")
    assert str(world.draft.effective_date) == "2025-06-01"


def test_a_publish_without_a_date_names_the_field(client, world):
    client.force_login(world.cast.office)
    response = client.post(reverse("catalog:version_publish", args=[world.draft.pk]), {})
    assert response.status_code == 200 and "生效日期" in response.text
    world.draft.refresh_from_db()
    assert world.draft.status == "draft"


def test_a_department_clerk_cannot_publish(client, world):
    client.force_login(world.cast.dept_clerk)
    url = reverse("catalog:version_publish", args=[world.urban_draft.pk])
    assert client.post(url, {"effective_date": "2025-06-01"}).status_code == 403
    assert CatalogVersion.objects.get(pk=world.urban_draft.pk).status == "draft"


def test_the_diff_page_shows_added_removed_and_changed_fields(client, world):
    services.version_set_entries(
        by=None,
        version=world.draft,
        entries=[(world.urban_power, "optional"), (world.urban_private, "")],
    )
    client.force_login(world.cast.office)
    url = reverse("catalog:version_diff", args=[world.county_catalog.pk])
    response = client.get(url, {"old": world.published.pk, "new": world.draft.pk})
    diff = response.context["diff"]
    assert [r["code"] for r in diff.added] == ["330217D02"]
    assert [r["code"] for r in diff.removed] == ["XK-0001"]
    assert diff.changed[0][1] == [("set_kind", "基本盘", "自选盘")]
    assert ">optional<" not in response.text and ">basic<" not in response.text
    assert 'class="added"' in response.text and 'class="removed"' in response.text
    assert 'class="changed"' in response.text and "盘类" in response.text


def test_the_office_creates_a_catalog_and_opens_a_draft(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("catalog:catalog_create"),
        {"name": "玫瑰镇权责清单", "kind": "township_list", "owner": cast.town_b.pk},
    )
    assert response.status_code == 302
    catalog = cast.town_b.catalogs.get()
    response = client.post(reverse("catalog:version_draft", args=[catalog.pk]))
    assert response.status_code == 302
    assert catalog.versions.get().status == "draft"


def test_a_duplicate_catalog_name_is_refused_in_chinese(client, world):
    client.force_login(world.cast.office)
    response = client.post(
        reverse("catalog:catalog_create"),
        {"name": "平阴县赋权乡镇指导目录", "kind": "guiding", "owner": world.cast.county.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_public_exports_a_published_version_as_xlsx(client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client.get(reverse("catalog:version_export", args=[world.published.pk, "xlsx"]))
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "事项编码", "事项名称")
    assert [r[1] for r in rows[1:]] == ["330217D01", "XK-0001"]


def test_it_exports_csv_with_a_byte_order_mark(client, world):
    client.force_login(world.cast.office)
    response = client.get(reverse("catalog:version_export", args=[world.draft.pk, "csv"]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff序号,事项编码")
    assert "建设用地审批" in text


def test_an_unknown_export_format_is_not_found(client, world):
    url = reverse("catalog:version_export", args=[world.published.pk, "pdf"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [2, 40])
def test_catalog_and_version_pages_do_not_query_per_row(
    client, cast, count, django_assert_max_num_queries
):
    powers = f.PowerFactory.create_batch(count, owner=cast.county, department=cast.urban)
    for n in range(count // 2 + 1):
        f.CatalogFactory(owner=cast.county, name=f"目录{n}", department=cast.land)
    catalog = services.catalog_create(by=None, name="指导目录", kind="guiding", owner=cast.county)
    draft = services.version_draft(by=None, catalog=catalog)
    services.version_set_entries(by=None, version=draft, entries=[(p, "basic") for p in powers])
    client.force_login(cast.office)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("catalog:catalog_list")).status_code == 200
    with django_assert_max_num_queries(9):  # 8 + the nav's one unread-notice COUNT
        response = client.get(reverse("catalog:version_detail", args=[draft.pk]))
    assert len(response.context["rows"]) == count
    with django_assert_max_num_queries(10):
        assert client.get(reverse("catalog:catalog_detail", args=[catalog.pk])).status_code == 200
