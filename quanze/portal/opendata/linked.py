"""Linked open data: the DCAT-AP catalogue of every published dataset, and the duty and
territorial lists as CPSV-AP JSON-LD (the catalog items' JSON-LD is in formats.py).

Property names follow DCAT-AP 3 (https://semiceu.github.io/DCAT-AP/) and CPSV-AP 3
(https://semiceu.github.io/CPSV-AP/):
- catalogue: dcat:Catalog with dct:title, dct:description, dct:publisher (foaf:Agent,
  foaf:name), dct:language, dct:license, dct:modified, foaf:homepage, dcat:dataset;
- one dcat:Dataset per published version: dct:identifier, dct:title, dct:description,
  dct:issued / dct:modified (the publication: a published version never changes),
  dct:publisher, dct:spatial (dct:Location), dct:temporal (dct:PeriodOfTime with
  dcat:startDate = the effective date), dcat:version, dcat:previousVersion (the list's
  published version before), dcat:landingPage and dcat:distribution; the dataset's `@id`
  (a stable identifier, the catalogue page's anchor) and its landing page (an address that
  opens the catalogue page holding its row) are two addresses;
- one dcat:Distribution per file: dcat:accessURL (mandatory) and dcat:downloadURL,
  dcat:mediaType (IANA), dct:format (EU file-type authority), dct:license, dct:issued;
- a territorial matter or a township duty is a cpsv:PublicService whose responsible unit is
  cv:hasCompetentAuthority (cv:PublicOrganisation: skos:prefLabel, dct:spatial), the
  cooperating, fallback, lead and receiving units each a cv:Participation (cv:role,
  dct:description) whose cv:hasParticipant is a cv:PublicOrganisation, the legal basis
  cv:hasLegalResource (eli:LegalResource, dct:title), the time limit cv:processingTime
  (xsd:duration), the area dct:spatial;
- the catalogue in pages: hydra:totalItems and a hydra:view (hydra:PartialCollectionView
  with hydra:first / previous / next / last) on the dcat:Catalog.
Checked against the SHACL shapes in shapes/ (opendata/tests/test_shapes.py).
"""

import json
import re

from django.conf import settings

from quanze.core.textsafety import xml_safe
from quanze.duties.dutylists.models import DutyClass
from quanze.duties.territorial.selectors import version_items
from quanze.portal.opendata.formats import CONTEXT as CPSV_CONTEXT
from quanze.portal.opendata.formats import LANGUAGE
from quanze.portal.opendata.selectors import KINDS, Dataset

FORMATS = {
    # format: (IANA media type, EU file-type authority code, label)
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "Excel"),
    "csv": ("text/csv", "CSV", "CSV"),
    "json": ("application/json", "JSON", "JSON"),
    "jsonld": ("application/ld+json", "JSON_LD", "JSON-LD"),
}
IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
ZHO = "http://publications.europa.eu/resource/authority/language/ZHO"
DCAT_CONTEXT = {
    "@language": LANGUAGE,
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "Catalog": "dcat:Catalog",
    "Dataset": "dcat:Dataset",
    "Distribution": "dcat:Distribution",
    "Agent": "foaf:Agent",
    "Location": "dct:Location",
    "PeriodOfTime": "dct:PeriodOfTime",
    "LicenseDocument": "dct:LicenseDocument",
    "title": "dct:title",
    "description": "dct:description",
    "identifier": {"@id": "dct:identifier", "@language": None},
    "name": "foaf:name",
    "prefLabel": "http://www.w3.org/2004/02/skos/core#prefLabel",
    "publisher": "dct:publisher",
    "spatial": "dct:spatial",
    "temporal": "dct:temporal",
    "startDate": {"@id": "dcat:startDate", "@type": "xsd:date"},
    "issued": {"@id": "dct:issued", "@type": "xsd:dateTime"},
    "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
    "language": {"@id": "dct:language", "@type": "@id"},
    "license": {"@id": "dct:license", "@type": "@id"},
    "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "dataset": "dcat:dataset",
    "distribution": "dcat:distribution",
    "version": {"@id": "dcat:version", "@language": None},
    "previousVersion": {"@id": "dcat:previousVersion", "@type": "@id"},
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"},
    "format": {"@id": "dct:format", "@type": "@id"},
    # Paging (Hydra Core): a page of the catalogue is a hydra:PartialCollectionView.
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "PartialCollectionView": "hydra:PartialCollectionView",
    "view": "hydra:view",
    "totalItems": {"@id": "hydra:totalItems", "@type": "xsd:integer"},
    "first": {"@id": "hydra:first", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "next": {"@id": "hydra:next", "@type": "@id"},
    "last": {"@id": "hydra:last", "@type": "@id"},
}
LIST_CONTEXT = {
    **CPSV_CONTEXT,
    "dcat": "http://www.w3.org/ns/dcat#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "Participation": "cv:Participation",
    "hasParticipation": "cv:hasParticipation",
    "role": "cv:role",
    "participant": "cv:hasParticipant",
    "processingTime": {"@id": "cv:processingTime", "@type": "xsd:duration"},
    "keyword": "dcat:keyword",
    "title": "dct:title",
}


def license_url() -> str:
    return settings.QUANZE_PORTAL_DATA_LICENSE


def _stamp(value) -> str:
    return value.replace(microsecond=0).isoformat()


def _location(division) -> dict:
    return {"@type": "Location", "identifier": division.code, "prefLabel": division.name}


def _division_of(data: Dataset):
    version = data.version
    if data.kind == "catalog":
        return version.catalog.owner
    if data.kind == "territorial":
        return version.responsibility_list.county
    return version.duty_list.township


def formats_of(data: Dataset) -> tuple[str, ...]:
    return ("xlsx", "csv", "json", "jsonld")


def dcat_dataset(
    data: Dataset, *, file_url, identifier: str, landing: str, previous: str | None
) -> dict:
    """One published version as a dcat:Dataset (`@id` `identifier`) with a distribution
    per file."""
    version = data.version
    division = _division_of(data)
    published = _stamp(version.published_at)
    licence = license_url()
    described = f"{KINDS[data.kind]}:{data.unit}《{data.title}》"
    if version.document_number:
        described += f",文号 {version.document_number}"
    found = {
        "@id": identifier,
        "@type": "Dataset",
        "identifier": data.slug,
        "title": data.title,
        "description": described,
        "issued": published,
        "modified": published,
        "publisher": {"@type": "Agent", "name": division.name, "identifier": division.code},
        "spatial": _location(division),
        "language": ZHO,
        "license": licence,
        "version": str(version.number),
        "landingPage": landing,
        "distribution": [
            {
                "@id": file_url(fmt),
                "@type": "Distribution",
                "title": f"{data.title}({FORMATS[fmt][2]})",
                "accessURL": file_url(fmt),
                "downloadURL": file_url(fmt),
                "mediaType": IANA + FORMATS[fmt][0],
                "format": FILE_TYPE + FORMATS[fmt][1],
                "license": licence,
                "issued": published,
                "modified": published,
            }
            for fmt in formats_of(data)
        ],
    }
    if version.effective_date:
        found["temporal"] = {
            "@type": "PeriodOfTime",
            "startDate": version.effective_date.isoformat(),
        }
    if previous:
        found["previousVersion"] = previous
    return found


# Datasets per page of the paged catalogue; the full export has them all.
PAGE_SIZE = 100


def page_count(total: int) -> int:
    """Pages of the paged catalogue: at least one, so an empty catalogue still answers."""
    return max(1, -(-total // PAGE_SIZE))


def _previous_versions(datasets: list[Dataset], identifier) -> dict[str, str]:
    """Each dataset's list's published version before it (dcat:previousVersion), from the
    whole catalogue, so a page links versions listed on other pages too."""
    before: dict[tuple[str, int], list[Dataset]] = {}
    for data in datasets:
        before.setdefault((data.kind, data.list_id), []).append(data)
    previous = {}
    for versions in before.values():
        versions.sort(key=lambda d: d.version.number)
        for older, newer in zip(versions, versions[1:], strict=False):
            previous[newer.slug] = identifier(older)
    return previous


def _view(page: int, last: int, address) -> dict:
    """The hydra:PartialCollectionView of page `page`: `address(n)` is page n's URL."""
    view = {
        "@id": address(page),
        "@type": "PartialCollectionView",
        "first": address(1),
        "last": address(last),
    }
    if page > 1:
        view["previous"] = address(page - 1)
    if page < last:
        view["next"] = address(page + 1)
    return view


def dcat_catalogue(
    datasets: list[Dataset], *, file_url, identifier, landing, home: str, page=None,
    address=None,
) -> bytes:  # fmt: skip
    """The catalogue: `datasets` are every published version (the full export) or, with
    `page` (a `selectors.CataloguePage`), that page's only, with a hydra view linking the
    pages at `address(n)`. `file_url(data, fmt)`, `identifier(data)` (the `@id`, also
    taking (kind, pk) for a previous version not on the page) and `landing(data)` (the
    dcat:landingPage) give the addresses."""
    if page is None:
        listed = datasets
        previous = _previous_versions(datasets, identifier)
        newest = max((d.version.published_at for d in datasets), default=None)
    else:
        listed = page.datasets
        previous = {slug: identifier(older) for slug, older in page.previous.items()}
        newest = page.newest
    body = {
        "@context": DCAT_CONTEXT,
        "@id": home,
        "@type": "Catalog",
        "title": "权责清单开放数据目录",
        "description": "已发布的权责清单、赋权指导目录、乡镇权责清单、乡镇履职事项清单和"
        "属地管理事项责任清单,每个已发布版本一个数据集;草稿不公开。",
        "publisher": {"@type": "Agent", "name": settings.QUANZE_PORTAL_DATA_PUBLISHER},
        "language": ZHO,
        "license": license_url(),
        "homepage": home,
        "dataset": [
            dcat_dataset(
                d,
                file_url=lambda fmt, d=d: file_url(d, fmt),
                identifier=identifier(d),
                landing=landing(d),
                previous=previous.get(d.slug),
            )
            for d in listed
        ],
    }
    if newest:
        body["modified"] = _stamp(newest)
    if page is not None:
        body["totalItems"] = page.total
        body["view"] = _view(page.number, page_count(page.total), address)
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


# --- duty and territorial lists as CPSV-AP -------------------------------------------


def _organisation(department) -> dict:
    found = {
        "@type": "PublicOrganisation",
        "prefLabel": str(department),
        "spatial": _location(department.division),
    }
    if department.credit_code:
        found["identifier"] = department.credit_code
    return found


def _township_organisation(division) -> dict:
    return {
        "@type": "PublicOrganisation",
        "prefLabel": division.name,
        "spatial": _location(division),
    }


def _participation(role: str, organisation: dict, description: str = "") -> dict:
    found = {"@type": "Participation", "role": role, "participant": organisation}
    if description:
        found["description"] = xml_safe(description)
    return found


def _legal(basis: str) -> list[dict]:
    lines = [line.strip() for line in (basis or "").splitlines() if line.strip()]
    return [{"@type": "LegalResource", "title": xml_safe(line)} for line in lines]


def territorial_services(data: Dataset, *, url) -> list[dict]:
    """Each matter of a territorial list: the primary department (or the township where
    the list makes it primary) as competent authority, the others as participations."""
    county = data.version.responsibility_list.county
    out = []
    items = version_items(data.version).select_related(
        "primary_department__division", "fallback_department__division"
    )
    for item in items.prefetch_related("co_departments__department__division"):
        matter = item.matter
        townships = list(item.townships.all())
        parts = [
            _participation("配合部门", _organisation(co.department), co.duty)
            for co in item.co_departments.all()
        ]
        township_role = "主体责任(乡镇、街道)" if item.township_primary else "配合乡镇(街道)"
        parts += [
            _participation(township_role, _township_organisation(t), item.township_duty)
            for t in townships
        ]
        parts.append(
            _participation(
                "兜底牵头部门", _organisation(item.fallback_department or item.primary_department)
            )
        )
        service = {
            "@id": url(f"matter-{matter.pk}"),
            "@type": "PublicService",
            "identifier": str(matter.pk),
            "name": xml_safe(matter.name),
            "description": xml_safe(item.primary_duty or matter.name),
            "hasCompetentAuthority": _organisation(item.primary_department),
            "hasParticipation": parts,
            "hasLegalResource": _legal(item.basis),
            "spatial": _location(county),
        }
        if matter.field_id:
            service["thematicArea"] = matter.field.name
        if matter.synonyms:
            service["keyword"] = [w for w in re.split(r"[\s,,;;、]+", matter.synonyms) if w]
        if item.handle_days:
            service["processingTime"] = f"P{item.handle_days}D"
        out.append(service)
    return out


def duty_services(data: Dataset, *, url) -> list[dict]:
    """Each duty of a township's duty list: the township as competent authority, the lead
    and receiving departments as participations."""
    township = data.version.duty_list.township
    classes = dict(DutyClass.choices)
    entries = data.version.entries.select_related(
        "lead_department__division", "receiving_department__division"
    ).order_by("position")
    out = []
    for entry in entries:
        parts = []
        if entry.lead_department:
            parts.append(_participation("牵头部门", _organisation(entry.lead_department)))
        if entry.receiving_department:
            parts.append(
                _participation(
                    "承接部门", _organisation(entry.receiving_department), entry.takeover
                )
            )
        out.append(
            {
                "@id": url(f"duty-{entry.position}"),
                "@type": "PublicService",
                "identifier": f"{township.code}-{entry.position}",
                "name": xml_safe(entry.name),
                "description": xml_safe(entry.name),
                "serviceType": classes.get(entry.duty_class, entry.duty_class),
                "hasCompetentAuthority": _township_organisation(township),
                "hasParticipation": parts,
                "hasLegalResource": _legal(entry.basis),
                "spatial": _location(township),
            }
        )
    return out


def list_jsonld(data: Dataset, version_url: str) -> bytes:
    """A territorial or duty list version as a JSON-LD graph of public services."""
    make = territorial_services if data.kind == "territorial" else duty_services
    graph = make(data, url=lambda fragment: f"{version_url}#{fragment}")
    for service in graph:
        service["isPartOf"] = version_url
    body = {"@context": LIST_CONTEXT, "@graph": graph}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
