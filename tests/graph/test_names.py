"""Agency names typed by users, in either script, by alias, English name or slug."""

from __future__ import annotations

import pytest

from graph.errors import AmbiguousAgencyNameError, UnknownAgencyNameError
from graph.names import find_agencies, resolve_agency
from graph.store import open_store
from ingest.errors import UnknownAgencyError
from ingest.model import Agency, AgencyKind, Role
from tests.graph.network_fixture import FIRST, SECOND, Item, Section, agency_iri, dataset, fill, notice, task

OFFICE = Agency(
    "hainan-anti-counterfeiting-office",
    "海南省打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室",
    "海南省打擊侵犯知識產權和制售假冒偽劣商品工作領導小組辦公室",
    "Anti-counterfeiting Office",
    AgencyKind.OFFICE,
    ("省“双打”办", "省双打办"),
)
THIRD = notice(
    "琼府办〔2019〕2号",
    [Section(1, "一", (0, 1), [Item(1, "(一)", "宣传", (0, 1), 1, [task(1, (OFFICE, Role.LEAD))])])],
    [],
)


@pytest.fixture(scope="module")
def store():
    with open_store("oxigraph:") as opened:
        yield fill(opened, FIRST, SECOND, THIRD)


@pytest.mark.parametrize(
    ("name", "agency_id"),
    [
        ("省知識產權局", "hainan-ipo"),  # alias, Traditional
        ("省知识产权局", "hainan-ipo"),  # alias, Simplified
        ("海南省知识产权局", "hainan-ipo"),  # preferred label
        ("海南省知識產權局", "hainan-ipo"),
        (" 省知识产权局 ", "hainan-ipo"),
        ("ip office", "hainan-ipo"),  # English, any case
        ("hainan-ipo", "hainan-ipo"),  # the IRI's slug
        ("省高級法院", "hainan-high-court"),
        ("省「雙打」辦", "hainan-anti-counterfeiting-office"),  # other quote marks
        ('省"双打"办', "hainan-anti-counterfeiting-office"),
        ("知识产权局", "hainan-ipo"),  # part of a name, when nothing matches whole
    ],
)
def test_names_resolve(store, name, agency_id):
    match = resolve_agency(store, name)
    assert match.iri.endswith(f"/agency/{agency_id}")


def test_exact_match_wins_over_partial(store):
    matches = find_agencies(store, "省双打办")
    assert [m.iri for m in matches] == [str(agency_iri(OFFICE))] and matches[0].exact


def test_ambiguous_name_lists_candidates(store):
    with pytest.raises(AmbiguousAgencyNameError) as caught:
        resolve_agency(store, "税务局")
    assert [c.split(" / ")[0] for c in caught.value.candidates] == ["海南省国家税务局", "海南省地方税务局"]
    assert caught.value.code == "E011"


@pytest.mark.parametrize("name", ["不存在的局", "局", "", "x"])
def test_unknown_name(store, name):
    assert find_agencies(store, name) == []
    with pytest.raises(UnknownAgencyError) as caught:
        resolve_agency(store, name)
    assert isinstance(caught.value, UnknownAgencyNameError) and caught.value.code == "E010"
    assert "\n" not in str(caught.value)


def test_lookup_works_on_a_plain_rdflib_dataset():
    assert (
        resolve_agency(dataset(FIRST), "省公安廳").iri
        == "https://w3id.org/govkg/id/agency/hainan-public-security"
    )
