"""A dataset written as .csv, .xlsx or JSON, and a catalog version's items as CPSV-AP
JSON-LD. Spreadsheet cells go through core.textsafety (no formula, no XML-illegal
character), as every export of the project does."""

import csv
import io
import json

from quanze.core.textsafety import spreadsheet_row, xml_safe
from quanze.core.xlsx import lay_out_list, widths_for
from quanze.portal.opendata.selectors import Dataset, columns_of, rows_of

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}


def table(data: Dataset) -> tuple[list[str], list[list]]:
    """Header and rows as cell values: the named columns, then catalog extra columns."""
    columns = columns_of(data)
    rows = rows_of(data)
    extra = list(dict.fromkeys(k for row in rows for k in (row.get("extra") or {})))
    header = [label for _, label in columns] + extra
    body = [
        [row.get(key, "") for key, _ in columns]
        + [(row.get("extra") or {}).get(k, "") for k in extra]
        for row in rows
    ]
    return header, body


def as_csv(data: Dataset) -> bytes:
    header, body = table(data)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(spreadsheet_row(header))
    writer.writerows(spreadsheet_row(["" if v is None else v for v in row]) for row in body)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(data: Dataset) -> bytes:
    from openpyxl import Workbook

    header, body = table(data)
    body = [spreadsheet_row(["" if v is None else v for v in row]) for row in body]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("数据")
    lay_out_list(
        sheet, header_row=1, columns=len(header), rows=len(body), widths=widths_for(header, body)
    )
    sheet.append(spreadsheet_row(header))
    for row in body:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def metadata(data: Dataset) -> dict:
    version = data.version
    return {
        "title": data.title,
        "kind": data.kind,
        "unit": data.unit,
        "version": version.number,
        "document_number": version.document_number,
        "effective_date": version.effective_date.isoformat() if version.effective_date else None,
        "published_at": version.published_at.isoformat(),
    }


def as_json(data: Dataset) -> bytes:
    columns = columns_of(data)
    body = {
        **metadata(data),
        "columns": [{"key": k, "label": label} for k, label in columns],
        "rows": rows_of(data),
    }
    return json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")


# CPSV-AP 3 (https://semiceu.github.io/CPSV-AP/): a public service (cpsv:PublicService)
# with its competent authority (cv:hasCompetentAuthority, a cv:PublicOrganisation with
# skos:prefLabel and dct:spatial), legal resources (cv:hasLegalResource, eli:LegalResource)
# and the area it covers (dct:spatial).
# Text is Chinese: every plain string is tagged "zh" (CPSV-AP gives names, descriptions
# and labels as rdf:langString), except codes, whose terms reset the language.
LANGUAGE = "zh"
CONTEXT = {
    "@language": LANGUAGE,
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "PublicService": "cpsv:PublicService",
    "PublicOrganisation": "cv:PublicOrganisation",
    "LegalResource": "eli:LegalResource",
    "Location": "dct:Location",
    "identifier": {"@id": "dct:identifier", "@language": None},
    "name": "dct:title",
    "description": "dct:description",
    "serviceType": "dct:type",
    "thematicArea": "cv:thematicArea",
    "prefLabel": "skos:prefLabel",
    "hasCompetentAuthority": "cv:hasCompetentAuthority",
    "hasLegalResource": "cv:hasLegalResource",
    "spatial": "dct:spatial",
    "isPartOf": {"@id": "dct:isPartOf", "@type": "@id"},
}


def _location(division) -> dict:
    return {"@type": "Location", "identifier": division.code, "prefLabel": division.name}


def public_service(row: dict, *, data: Dataset, url: str) -> dict:
    """One item of a catalog version as a CPSV-AP public service."""
    spatial = _location(data.version.catalog.owner)
    name = row.get("name", "") + (f"({row['sub_name']})" if row.get("sub_name") else "")
    basis = [line.strip() for line in (row.get("legal_basis") or "").splitlines() if line.strip()]
    service = {
        "@id": url,
        "@type": "PublicService",
        "identifier": row.get("code", ""),
        "name": xml_safe(name),
        "description": xml_safe(row.get("duties") or name),
        "serviceType": row.get("power_type", ""),
        "hasCompetentAuthority": {
            "@type": "PublicOrganisation",
            "prefLabel": row.get("department") or data.unit,
            "spatial": spatial,
        },
        "hasLegalResource": [{"@type": "LegalResource", "description": xml_safe(b)} for b in basis],
        "spatial": spatial,
    }
    if row.get("field"):
        service["thematicArea"] = row["field"]
    return service


def as_jsonld(data: Dataset, item_url, version_url: str, code: str | None = None) -> bytes | None:
    """The catalog version's items (or the one item `code`; None if it has none such)."""
    rows = [r for r in rows_of(data) if code is None or r.get("code") == code]
    if code is not None and not rows:
        return None
    graph = []
    for row in rows:
        service = public_service(row, data=data, url=item_url(row.get("code", "")))
        service["isPartOf"] = version_url
        graph.append(service)
    body = {"@context": CONTEXT, **({"@graph": graph} if code is None else graph[0])}
    return json.dumps(body, ensure_ascii=False).encode("utf-8")
