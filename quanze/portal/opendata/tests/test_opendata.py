"""Bulk open data: every published version as .xlsx, .csv and JSON at a stable URL,
items, matters and duties as CPSV-AP JSON-LD, the DCAT-AP catalogue, ETag/Last-Modified,
and never a draft."""

import csv
import io
import json
from datetime import date

from openpyxl import load_workbook


def url(kind, pk, fmt):
    return f"/portal/data/{kind}/{pk}.{fmt}"


def test_a_catalog_version_in_three_formats(client, world):
    pk = world.published.pk
    answer = client.get(url("catalog", pk, "json"))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json; charset=utf-8"
    body = answer.json()
    assert (
        body["title"] == "平阴县赋权乡镇指导目录 第1版"
        and body["document_number"] == "平编发〔2025〕1号"
    )
    assert [r["code"] for r in body["rows"]] == ["330217D01", "XK-0001"]
    assert body["rows"][0]["set_kind"] == "基本盘"
    text = client.get(url("catalog", pk, "csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["序号", "事项编码", "事项名称"] and rows[1][1] == "330217D01"
    answer = client.get(url("catalog", pk, "xlsx"))
    assert answer["Content-Disposition"] == f'attachment; filename="catalog-{pk}.xlsx"'
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert [c.value for c in sheet[2]][1:3] == ["330217D01", "对违法建设行为的行政执法"]


def test_territorial_and_duty_lists(client, world):
    body = client.get(url("territorial", world.territorial.pk, "json")).json()
    assert [r["matter"] for r in body["rows"]] == ["生活垃圾收集清运", "占道经营管理"]
    assert body["rows"][0]["primary_department"] == "平阴县城市管理局"
    body = client.get(url("duty", world.duty.pk, "json")).json()
    assert body["unit"] == "锦水街道" and body["rows"][0]["duty_class"] == "基本权责"
    sheet = load_workbook(io.BytesIO(client.get(url("duty", world.duty.pk, "xlsx")).content)).active
    assert [c.value for c in sheet[1]][:3] == ["序号", "事项名称", "类别"]


def test_drafts_never_appear(client, world):
    for kind, draft in (("catalog", world.draft), ("catalog", world.urban_draft)):
        for fmt in ("json", "csv", "xlsx", "jsonld"):
            assert client.get(url(kind, draft.pk, fmt)).status_code == 404
    assert (
        client.get(f"/portal/data/catalog/{world.draft.pk}/items/330217D01.jsonld").status_code
        == 404
    )
    # A draft's id under another kind is no way in either.
    assert client.get(url("duty", world.territorial.pk + 999, "json")).status_code == 404
    listed = client.get("/portal/data/catalogue.json").json()["datasets"]
    titles = {d["title"] for d in listed}
    assert titles == {
        "平阴县赋权乡镇指导目录 第1版",
        "商河县指导目录 第1版",
        f"{world.territorial.responsibility_list.name} 第1版",
        f"{world.duty_list.name} 第1版",
    }
    page = client.get("/portal/data/").content.decode()
    assert "县城管局权责清单" not in page and "平阴县赋权乡镇指导目录 第1版" in page
    assert (
        client.get(f"/portal/data/catalog/lists/{world.urban_catalog.pk}/current.json").status_code
        == 404
    )


def test_the_current_address_redirects_to_the_version_in_force(client, world):
    answer = client.get(f"/portal/data/catalog/lists/{world.county_catalog.pk}/current.csv")
    assert answer.status_code == 302 and answer.url == url("catalog", world.published.pk, "csv")


def test_etag_and_last_modified(client, world):
    first = client.get(url("catalog", world.published.pk, "json"))
    assert first["ETag"] and first["Last-Modified"] and "public" in first["Cache-Control"]
    again = client.get(url("catalog", world.published.pk, "json"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        url("catalog", world.published.pk, "json"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304
    other = client.get(url("catalog", world.published.pk, "csv"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200  # each format its own tag


def test_items_as_cpsv_ap_json_ld(client, world):
    body = json.loads(client.get(url("catalog", world.published.pk, "jsonld")).content)
    assert body["@context"]["PublicService"] == "cpsv:PublicService"
    assert body["@context"]["cpsv"] == "http://purl.org/vocab/cpsv#"
    assert body["@context"]["hasCompetentAuthority"] == "cv:hasCompetentAuthority"
    service = body["@graph"][0]
    assert service["@type"] == "PublicService" and service["identifier"] == "330217D01"
    assert service["hasCompetentAuthority"] == {
        "@type": "PublicOrganisation",
        "prefLabel": "平阴县城市管理局",
        "spatial": {"@type": "Location", "identifier": "370124000000", "prefLabel": "平阴县"},
    }
    assert service["hasLegalResource"][0]["@type"] == "LegalResource"
    assert "城乡规划法" in service["hasLegalResource"][0]["description"]
    assert service["spatial"]["identifier"] == "370124000000"
    assert service["@id"].endswith(
        f"/portal/data/catalog/{world.published.pk}/items/330217D01.jsonld"
    )
    one = client.get(f"/portal/data/catalog/{world.published.pk}/items/330217D01.jsonld")
    assert one["Content-Type"] == "application/ld+json; charset=utf-8"
    item = json.loads(one.content)
    assert item["@id"] == service["@id"] and item["@context"] == body["@context"]
    assert (
        client.get(f"/portal/data/catalog/{world.published.pk}/items/NOPE.jsonld").status_code
        == 404
    )


def test_a_formula_in_stored_text_is_not_a_formula_in_the_csv(client, world, cast):
    from quanze.catalog.powers import services as power_services

    power_services.power_update(by=None, power=world.urban_power, name='=HYPERLINK("x")')
    # The published version keeps its snapshot: the working copy's change is not in it.
    text = client.get(url("catalog", world.published.pk, "csv")).content.decode("utf-8-sig")
    assert "HYPERLINK" not in text


def test_the_dcat_ap_catalogue_lists_every_published_dataset(client, world):
    answer = client.get("/portal/data/catalogue.jsonld")
    assert answer["Content-Type"] == "application/ld+json; charset=utf-8"
    body = json.loads(answer.content)
    context = body["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["Dataset"] == "dcat:Dataset" and context["distribution"] == "dcat:distribution"
    assert context["downloadURL"] == {"@id": "dcat:downloadURL", "@type": "@id"}
    assert context["license"] == {"@id": "dct:license", "@type": "@id"}
    assert body["@type"] == "Catalog" and body["license"] and body["publisher"]["@type"] == "Agent"
    by_title = {d["title"]: d for d in body["dataset"]}
    assert set(by_title) == {
        "平阴县赋权乡镇指导目录 第1版",
        "商河县指导目录 第1版",
        f"{world.territorial.responsibility_list.name} 第1版",
        f"{world.duty_list.name} 第1版",
    }  # drafts never listed
    duty = by_title[f"{world.duty_list.name} 第1版"]
    assert duty["@type"] == "Dataset" and duty["version"] == "1"
    assert duty["@id"].endswith(f"/portal/data/#duty-{world.duty.pk}")
    assert duty["publisher"] == {
        "@type": "Agent",
        "name": "锦水街道",
        "identifier": duty["spatial"]["identifier"],
    }
    assert duty["issued"] == duty["modified"] and duty["issued"].startswith(
        str(world.duty.published_at.year)
    )
    assert duty["temporal"] == {"@type": "PeriodOfTime", "startDate": "2025-09-01"}
    assert "平编办〔2025〕3号" in duty["description"]
    files = {d["format"].rsplit("/", 1)[1]: d for d in duty["distribution"]}
    assert set(files) == {"XLSX", "CSV", "JSON", "JSON_LD"}
    csv_file = files["CSV"]
    assert csv_file["@type"] == "Distribution" and csv_file["accessURL"] == csv_file["downloadURL"]
    assert csv_file["downloadURL"].endswith(url("duty", world.duty.pk, "csv"))
    assert csv_file["mediaType"] == "http://www.iana.org/assignments/media-types/text/csv"
    assert csv_file["license"] == body["license"]
    # Every distribution is served.
    for found in body["dataset"]:
        for distribution in found["distribution"]:
            path = distribution["downloadURL"].split("testserver", 1)[1]
            assert client.get(path).status_code == 200, path
    # Validators like every open-data file; the page links the catalogue and each row is its anchor.
    again = client.get("/portal/data/catalogue.jsonld", HTTP_IF_NONE_MATCH=answer["ETag"])
    assert again.status_code == 304 and answer["Last-Modified"]
    page = client.get("/portal/data/").content.decode()
    assert 'href="/portal/data/catalogue.jsonld"' in page and f'id="duty-{world.duty.pk}"' in page


def test_a_new_publication_changes_the_catalogue_and_links_the_versions(client, world, cast):
    from quanze.catalog.catalogs import services as catalogs

    first = client.get("/portal/data/catalogue.jsonld")
    catalogs.version_publish(
        by=None, version=world.draft, effective_date=date(2026, 1, 1), document_number="平编发〔2026〕1号"
    )  # fmt: skip
    answer = client.get("/portal/data/catalogue.jsonld", HTTP_IF_NONE_MATCH=first["ETag"])
    assert answer.status_code == 200
    datasets = {d["identifier"]: d for d in json.loads(answer.content)["dataset"]}
    newer = datasets[f"catalog-{world.draft.pk}"]
    assert newer["previousVersion"].endswith(f"#catalog-{world.published.pk}")
    assert "previousVersion" not in datasets[f"catalog-{world.published.pk}"]


def test_territorial_and_duty_lists_as_cpsv_ap(client, world):
    answer = client.get(url("territorial", world.territorial.pk, "jsonld"))
    assert answer.status_code == 200 and answer["ETag"] and answer["Last-Modified"]
    body = json.loads(answer.content)
    assert body["@context"]["hasParticipation"] == "cv:hasParticipation"
    assert body["@context"]["participant"] == "cv:hasParticipant"
    matter = body["@graph"][0]
    assert matter["@type"] == "PublicService" and matter["name"] == "生活垃圾收集清运"
    assert matter["hasCompetentAuthority"]["@type"] == "PublicOrganisation"
    assert matter["hasCompetentAuthority"]["prefLabel"] == "平阴县城市管理局"
    assert matter["hasCompetentAuthority"]["spatial"]["prefLabel"] == "平阴县"
    assert matter["keyword"] == ["垃圾桶", "垃圾满溢", "环卫"]
    assert matter["processingTime"] == "P5D" and matter["spatial"]["prefLabel"] == "平阴县"
    roles = {p["role"] for p in matter["hasParticipation"]}
    assert "兜底牵头部门" in roles
    assert all(
        p["participant"]["@type"] == "PublicOrganisation" for p in matter["hasParticipation"]
    )
    assert matter["isPartOf"].endswith(url("territorial", world.territorial.pk, "jsonld"))
    body = json.loads(client.get(url("duty", world.duty.pk, "jsonld")).content)
    duty = body["@graph"][0]
    assert duty["@type"] == "PublicService" and duty["serviceType"] == "基本权责"
    assert duty["hasCompetentAuthority"]["prefLabel"] == "锦水街道"
    assert all(r["@type"] == "LegalResource" and r["title"] for r in duty["hasLegalResource"])
    again = client.get(url("duty", world.duty.pk, "jsonld"), HTTP_IF_NONE_MATCH=answer["ETag"])
    assert again.status_code == 200  # each file its own tag


def test_the_catalogue_page_is_searched_filtered_sorted_and_paged(client, world):
    page = client.get("/portal/data/").content.decode()
    assert "共 4 行" in page and "平阴县赋权乡镇指导目录 第1版" in page
    only = client.get("/portal/data/", {"kind": "duty"}).content.decode()
    assert f'id="duty-{world.duty.pk}"' in only and "平阴县赋权乡镇指导目录" not in only
    found = client.get("/portal/data/", {"q": "商河"}).content.decode()
    assert "商河县指导目录 第1版" in found and "平阴县赋权乡镇指导目录 第1版" not in found
    ordered = client.get("/portal/data/", {"sort": "-title"}).content.decode()
    titles = [t for t in ("平阴县赋权乡镇指导目录 第1版", "商河县指导目录 第1版") if t in ordered]
    assert sorted(titles, key=ordered.index) == sorted(titles, reverse=True)
    assert client.get("/portal/data/", {"page": "99"}).status_code == 200  # the last page
    assert client.get("/portal/data/", {"q": "不存在的字词"}).content.decode().count("<tr id=") == 0
