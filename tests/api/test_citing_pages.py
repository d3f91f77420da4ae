"""Citation listings over several citing notices: every page in notice order, then text order."""

from __future__ import annotations

from pathlib import Path

import pytest

from api import rest
from graph.iris import default_base
from graph.load import ingest_paths
from graph.store import Store, open_store

CITED = "国发〔2017〕14号"
NUMBERS = ("〔2017〕900", "〔2017〕91", "〔2018〕3")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, sample_path: Path):
    """Three copies of the sample under other numbers, each citing 国发〔2017〕14号 in one to four places."""
    folder = tmp_path_factory.mktemp("citing")
    text = sample_path.read_text(encoding="utf-8")
    others = ["瓊府辦〔2013〕162號", "國郵發〔2016〕107號", "瓊辦發〔2017〕12號"]
    files = []
    for k, number in enumerate(NUMBERS):
        path = folder / f"n{k}.txt"
        copy = text.replace("〔2017〕89", number)
        for other in others[: len(others) - k]:
            copy = copy.replace(other, "國發〔2017〕14號")
        path.write_text(copy, encoding="utf-8")
        files.append(path)
    with open_store(str(folder / "store")) as opened:
        ingest_paths(opened, files)
        yield opened


def expected(store: Store) -> list[tuple[str, int]]:
    """(notice, start) of every occurrence, read through govkg:inNotice rather than the IRIs."""
    rows = store.select(
        f"""SELECT ?notice ?start WHERE {{
  ?document <http://data.europa.eu/eli/ontology#id_local> "{CITED}" .
  ?occurrence <https://w3id.org/govkg/ontology#citedDocument> ?document ;
              <https://w3id.org/govkg/ontology#inNotice> ?notice ;
              <https://w3id.org/govkg/ontology#start> ?start .
}}"""
    )
    return sorted((str(r["notice"]), int(r["start"].toPython())) for r in rows)  # type: ignore[union-attr]


def place(row: dict[str, object]) -> tuple[str, int]:
    span = row["span"]
    assert isinstance(span, list)
    return f"{default_base()}doc/{row['notice_id']}", span[0]


@pytest.mark.parametrize("size", [1, 2, 5, 7])
def test_pages_of_any_size_walk_every_occurrence_in_notice_then_text_order(store: Store, size: int):
    truth = expected(store)
    assert len({notice for notice, _ in truth}) == 3 and len(truth) > 6
    walked = []
    for offset in range(0, len(truth) + size, size):
        page, total = rest.citing(store, default_base(), "國發[2017]14號", offset, size)
        assert total == len(truth) and len(page) <= size
        walked += [place(row) for row in page]
    assert walked == truth
    assert all(row["document_id"] == CITED for row in rest.citing(store, default_base(), CITED)[0])


def test_each_row_says_what_the_graph_says_of_its_occurrence(store: Store):
    base = default_base()
    rows = store.select(
        f"""SELECT ?document ?notice ?number ?title ?item ?itemNumber ?start ?end WHERE {{
  ?document <http://data.europa.eu/eli/ontology#id_local> "{CITED}" .
  ?occurrence <https://w3id.org/govkg/ontology#citedDocument> ?document ;
              <https://w3id.org/govkg/ontology#inNotice> ?notice ;
              <https://w3id.org/govkg/ontology#start> ?start ; <https://w3id.org/govkg/ontology#end> ?end .
  OPTIONAL {{ ?notice <http://data.europa.eu/eli/ontology#id_local> ?number }}
  OPTIONAL {{ ?notice <http://purl.org/dc/terms/title> ?title }}
  OPTIONAL {{ ?occurrence <https://w3id.org/govkg/ontology#inItem> ?item .
             ?item <https://w3id.org/govkg/ontology#number> ?itemNumber }}
}}"""
    )
    truth = [
        {
            "document_id": str(r["document"]).removeprefix(base + "doc/"),
            "notice_id": str(r["notice"]).removeprefix(base + "doc/"),
            "notice_number": str(r["number"]),
            "notice_title": str(r["title"]),
            "item_id": str(r["item"]).removeprefix(base + "doc/") if r.get("item") else None,
            "item_number": int(str(r["itemNumber"])) if r.get("itemNumber") else None,
            "span": [int(str(r["start"])), int(str(r["end"]))],
        }
        for r in rows
    ]
    truth.sort(key=lambda row: (row["notice_id"], row["span"]))
    listed, total = rest.citing(store, base, CITED)
    assert listed == truth and total == len(truth)
    assert any(row["item_id"] for row in listed) and any(row["item_id"] is None for row in listed)
    assert rest.citing(store, base, "国发〔1999〕1号") == ([], 0)
    assert rest.citing(store, base, "  ") == ([], 0)


def test_a_documents_citers_are_those_the_graph_states(store: Store):
    """Counts and the citing notices' listing come from the task index; for every document they
    agree with what ``eli:cites`` states, items and notices told apart by their type."""
    base = default_base()
    notices: dict[str, set[str]] = {}
    items: dict[str, set[str]] = {}
    cites = """SELECT ?citer ?document ?notice WHERE {
  ?citer <http://data.europa.eu/eli/ontology#cites> ?document
  OPTIONAL { ?citer a <https://w3id.org/govkg/ontology#Notice> BIND(true AS ?notice) }
}"""
    for row in store.select(cites):
        kind = notices if row.get("notice") is not None else items
        kind.setdefault(str(row["document"]), set()).add(str(row["citer"]))
    documents, total = rest.list_documents(store, base, False)
    assert total == len(documents) > 10 and len(notices) > 10 and items
    for document in documents:
        iri = document["iri"]
        detail = rest.document_detail(store, base, document["id"])
        assert detail is not None
        stated = (len(notices.get(iri, ())), len(items.get(iri, ())))
        assert (detail["cited_by"]["notices"], detail["cited_by"]["items"]) == stated, document["id"]
        listed, count = rest.list_documents(store, base, False, cites=document["id"])
        assert [d["iri"] for d in listed] == sorted(notices.get(iri, ())) and count == stated[0]
        assert all(d["notice"] for d in listed)
    assert rest.document_detail(store, base, CITED)["cited_by"] == {"notices": 3, "items": 6}


def test_the_notices_citing_a_document_come_in_pages(store: Store):
    base = default_base()
    everything, total = rest.list_documents(store, base, False, cites="國發[2017]14號")
    assert total == 3 == len(everything)
    pages = [rest.list_documents(store, base, False, offset, 2, cites=CITED) for offset in (0, 2, 4)]
    assert [d for page, _ in pages for d in page] == everything
    assert [count for _, count in pages] == [3, 3, 3]
    assert rest.list_documents(store, base, False, cites="国发〔1999〕1号") == ([], 0)
    assert rest.list_documents(store, base, True, cites="  ") == ([], 0)
