"""The document listing: its IRIs are kept per store version, and a write shows at once."""

from __future__ import annotations

from pathlib import Path

from api import rest
from graph.iris import default_base
from graph.load import ingest_paths
from graph.store import open_store


def test_a_written_notice_is_listed_by_the_next_request(tmp_path: Path, sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text, encoding="utf-8")
    other = text.replace("〔2017〕89", "〔2017〕900").replace("國發〔2017〕14號", "國發〔2016〕9號")
    second.write_text(other, encoding="utf-8")
    base = default_base()
    with open_store(str(tmp_path / "store")) as store:
        ingest_paths(store, [first])
        notices, total = rest.list_documents(store, base, True, 0, 50)
        _, documents = rest.list_documents(store, base, False, 0, 50)
        assert total == 1 and rest.list_documents(store, base, True, 0, 50)[1] == 1  # the kept IRIs serve
        ingest_paths(store, [second])
        after, total_after = rest.list_documents(store, base, True, 0, 50)
        assert total_after == 2
        assert {d["number"] for d in after} == {"琼府办〔2017〕89号", "琼府办〔2017〕900号"}
        # the new notice and the one document only it cites, 国发〔2016〕9号
        assert rest.list_documents(store, base, False, 0, 50)[1] == documents + 2
        assert notices[0]["iri"] in {d["iri"] for d in after}
