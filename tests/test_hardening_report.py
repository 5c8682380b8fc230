"""Issue 19 item 4: text that matplotlib would read as mathematics (``$x_$``) is drawn as the
plain characters it is, in the charts and the HTML ledger. Texts are illustrations."""

from __future__ import annotations

import matplotlib

from newsledger.analysis import analyze, build_ledger
from newsledger.analysis.charts import map_svg, timeline_svg
from newsledger.analysis.report import render_ledger_html
from newsledger.document import Actor, Claim, Document, Evidence, Section

MATH = "prices rose by $x_$ and $\\frac{1}{0}$ percent"  # broken TeX: mathtext raises on it


def test_charts_draw_dollar_signs_as_text() -> None:
    svg = timeline_svg(
        [("2024-03-01", f"clash {MATH}", 2, "Battles")],
        [("2024-03-02", MATH, "single")],
        title=f"Finance Ministry {MATH}",
    )
    assert svg.startswith("<svg")
    assert map_svg([(34.5, 69.2, MATH, 1)], title=MATH).startswith("<svg")


def test_charts_leave_the_global_matplotlib_settings_alone() -> None:
    before = matplotlib.rcParams["text.parse_math"], matplotlib.rcParams["text.usetex"]
    timeline_svg([], [("2024-03-02", MATH, "single")])
    assert (matplotlib.rcParams["text.parse_math"], matplotlib.rcParams["text.usetex"]) == before


def test_ledger_html_with_a_dollar_claim() -> None:
    text = f"The Finance Ministry said {MATH} in March."
    start = text.index(MATH)
    doc = Document(
        id="m1",
        text=text,
        outlet="The Ledger Test Desk",
        published="2024-03-05",
        sections=[Section("body", 0, len(text))],
    )
    doc.actors.append(Actor(id="fm", name="Finance Ministry", type="state"))
    doc.claims.append(
        Claim(
            id="c1",
            evidence=Evidence(0, len(text), text, "body"),
            content=MATH,
            content_start=start,
            content_end=start + len(MATH),
            speaker="fm",
            speaker_text="The Finance Ministry",
            speaker_kind="organization",
            cue="said",
            date="2024-03-05",
        )
    )
    ledger = build_ledger(analyze([doc]), "Finance Ministry")
    assert ledger is not None and len(ledger.claims) == 1
    page = render_ledger_html(ledger)
    assert page.count("<svg") == 2
    assert "prices rose by $x_$" in page  # the claim itself, escaped as text
