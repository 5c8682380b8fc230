"""Web pages: article body, title, date, outlet and url with trafilatura; the benchmark scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.document import Document, content_id
from newsledger.errors import InputError
from newsledger.evaluation.html import format_report, match, run, scores
from newsledger.ingest import document_from_html, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_page_body_and_metadata() -> None:
    html = (FIXTURES / "article_page.html").read_text("utf-8")
    doc = document_from_html(html)
    assert doc.title == "Council votes to reopen the old bridge"
    assert doc.published == "2024-05-17"
    assert doc.outlet == "The Valley Courier (illustration)"
    assert doc.url == "https://courier.example.org/news/council-votes-bridge"
    assert doc.sections[0].kind == "headline"
    assert doc.text.startswith(doc.title + "\n\n")
    body = "".join(doc.text[s.start : s.end] for s in doc.sections if s.kind == "body")
    assert "voted on Thursday to reopen the old stone bridge" in body
    assert "closed in 2021 after engineers found cracks" in body
    for furniture in ("Most read", "Festival dates", "Privacy", "All rights reserved", "Sport"):
        assert furniture not in doc.text, furniture
    assert doc.id == content_id(doc.text)
    assert doc.sections[-1].end == len(doc.text)


def test_given_url_and_meta_win() -> None:
    html = (FIXTURES / "article_page.html").read_bytes()
    doc = document_from_html(html, url="https://x.example/a", id="p1", published="2024-05-18")
    assert (doc.url, doc.id, doc.published) == ("https://x.example/a", "p1", "2024-05-18")


def test_html_file_through_read_inputs(tmp_path: Path) -> None:
    page = (FIXTURES / "article_page.html").read_text("utf-8")
    (tmp_path / "a.htm").write_text(page, "utf-8")
    (tmp_path / "b.html").write_bytes(page.encode("utf-8"))
    docs = list(read_inputs([str(tmp_path)]))
    assert [d.source for d in docs] == [str(tmp_path / "a.htm"), str(tmp_path / "b.html")]
    assert all(isinstance(d, Document) and d.title for d in docs)
    assert docs[0].id == docs[1].id  # same content, same id


def test_page_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty document"):
        document_from_html("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")


def test_scorer_counts_words() -> None:
    assert match("a b c d", "a b c d") == (4.0, 0.0, 0.0)
    assert match("a b c d", "a b x") == (2.0, 1.0, 2.0)
    s = scores([(2.0, 1.0, 2.0), (0.0, 0.0, 3.0)])  # the second page extracted nothing
    assert s["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["recall"] == pytest.approx((0.5 + 0.0) / 2, abs=1e-4)
    assert s["empty"] == 1


@pytest.mark.slow
def test_benchmark_subset_not_below_trafilatura(shared: Path) -> None:
    bench = shared / "data" / "extraction"
    if not (bench / "ground-truth.json").exists():
        pytest.skip("no extraction benchmark")
    metrics = run(str(bench), limit=12)
    assert metrics["pages"] == 12
    ours, base = metrics["newsledger"]["words"], metrics["trafilatura"]["words"]
    assert ours["f1"] > 0.85 and base["f1"] > 0.85
    assert ours["f1"] >= base["f1"] - 0.02
    assert "newsledger" in format_report(metrics)


def test_large_pages_are_slimmed_then_read_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.ingest import html as html_mod

    page = (FIXTURES / "article_page.html").read_text("utf-8")
    bloated = page.replace(
        "</head>",
        "<script>" + "var pad = 1;" * 5000 + "</script>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-17"}</script>'
        "</head>",
    )
    monkeypatch.setattr(html_mod, "SLIM_ABOVE", 10_000)
    slim = html_mod.slim_html(bloated)
    assert "var pad" not in slim and "ld+json" in slim and "old stone bridge" in slim
    doc = document_from_html(bloated)  # slimmed, then extracted as usual
    assert doc.title == "Council votes to reopen the old bridge" and not doc.warnings
    assert "var pad" not in doc.text

    text_heavy = page.replace(
        "</article>", "<p>Filler paragraph for size.</p>" * 2000 + "</article>"
    )
    monkeypatch.setattr(html_mod, "FULL_EXTRACTION_MAX", 20_000)
    doc = document_from_html(text_heavy)
    assert doc.warnings == ["page too large for article extraction; kept all its visible text"]
    assert doc.title == "Council votes to reopen the old bridge" and doc.published == "2024-05-17"
    assert "old stone bridge" in doc.text and doc.text.count("Filler paragraph") == 2000
