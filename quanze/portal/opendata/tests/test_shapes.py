"""What the open data publishes as JSON-LD — the DCAT-AP catalogue (paged and in full),
catalog items, territorial matters and township duties as CPSV-AP public services —
parsed as RDF (rdflib; the contexts are inline, so nothing is fetched) and validated
with pySHACL against the shapes kept in opendata/shapes/; and a document missing what
the shapes require fails, so these tests can fail."""

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace

from quanze.portal.opendata import linked

SHAPES = Path(linked.__file__).parent / "shapes"
BASE = "http://testserver/portal/data/"
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
# Plain namespaces (rdflib's closed ones warn when pytest inspects this module's names);
# a plain one is a str, so `title` and `format` are read as items.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def shapes():
    graph = Graph()
    for name in ("dcat-ap.ttl", "cpsv-ap.ttl"):
        graph.parse(SHAPES / name, format="turtle")
    return graph


def check(body, shapes) -> tuple[bool, str, Graph, set]:
    """(conforms, report text, data graph, the paths of the violations) of a JSON-LD
    document, bytes or parsed."""
    if not isinstance(body, bytes):
        body = json.dumps(body, ensure_ascii=False).encode()
    data = Graph().parse(data=body, format="json-ld", base=BASE)
    conforms, results, text = validate(data, shacl_graph=shapes, inference="none")
    return conforms, text, data, set(results.objects(None, SH.resultPath))


def documents(client, world) -> dict[str, bytes]:
    addresses = {
        "catalogue": "/portal/data/catalogue.jsonld",
        "catalogue in full": "/portal/data/catalogue-all.jsonld",
        "catalog version": f"/portal/data/catalog/{world.published.pk}.jsonld",
        "catalog item": f"/portal/data/catalog/{world.published.pk}/items/330217D01.jsonld",
        "territorial list": f"/portal/data/territorial/{world.territorial.pk}.jsonld",
        "duty list": f"/portal/data/duty/{world.duty.pk}.jsonld",
    }
    found = {}
    for name, address in addresses.items():
        answer = client.get(address)
        assert answer.status_code == 200, address
        # The context is inline: parsing resolves nothing over the network.
        assert isinstance(json.loads(answer.content)["@context"], dict), address
        found[name] = answer.content
    return found


def test_every_json_ld_document_conforms_to_the_shapes(client, world, shapes):
    for name, body in documents(client, world).items():
        conforms, text, data, _ = check(body, shapes)
        assert conforms, f"{name}:\n{text}"
        # The shapes had something to check: the nodes carry the classes they target.
        if name.startswith("catalogue"):
            assert len(set(data.subjects(RDF.type, DCAT.Dataset))) == 4
            assert len(set(data.subjects(RDF.type, DCAT.Distribution))) == 16
        else:
            services = set(data.subjects(RDF.type, CPSV.PublicService))
            assert services and all(data.value(s, CV.hasCompetentAuthority) for s in services)


def test_a_document_missing_what_the_shapes_require_fails(client, world, shapes):
    found = documents(client, world)
    duties = json.loads(found["duty list"])
    del duties["@graph"][0]["hasCompetentAuthority"]
    conforms, text, _, paths = check(duties, shapes)
    assert not conforms and paths == {CV.hasCompetentAuthority}, text

    matters = json.loads(found["territorial list"])
    matters["@graph"][0]["hasLegalResource"] = [{"@type": "Location", "prefLabel": "x"}]
    matters["@graph"][0]["name"] = {"@value": "无语言标记", "@language": None}
    conforms, text, _, paths = check(matters, shapes)
    assert not conforms and paths == {CV.hasLegalResource, DCTERMS["title"]}, text

    catalogue = json.loads(found["catalogue"])
    del catalogue["dataset"][0]["distribution"][0]["accessURL"]
    catalogue["dataset"][1]["distribution"][0]["format"] = "https://example.org/csv"
    del catalogue["publisher"]
    conforms, text, _, paths = check(catalogue, shapes)
    assert not conforms
    assert paths == {DCAT.accessURL, DCTERMS["format"], DCTERMS.publisher}, text
