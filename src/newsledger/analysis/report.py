"""Rendering: the ledger and the trends for the terminal (rich) and the ledger as one
self-contained HTML file (inline CSS, inline SVG timeline and map; nothing fetched)."""

from __future__ import annotations

import html
import io
from typing import Any

from .claimclusters import Contradiction
from .corroborate import EventCluster
from .ledger import Ledger, LedgerClaim
from .trends import TrendTable


# -- shared wording ---------------------------------------------------------------------------
def figures_text(ev: EventCluster) -> str:
    """ "13 (Kestrel Daily) vs 17 (Harbor Post, per the health ministry)"."""
    parts = []
    for f in ev.fatalities:
        who = f.outlet or f.doc_id
        if f.according_to:
            who += f", per {f.according_to}"
        if f.copy_of:
            who += ", copy"
        parts.append(f"{f.value} ({who})")
    return " vs ".join(parts) if ev.fatalities_conflict else "; ".join(parts)


def event_title(ev: EventCluster) -> str:
    kind = ev.subtype or ev.type or (f"PLOVER {ev.plover}" if ev.plover else "event")
    where = f" in {ev.place}" if ev.place else ""
    how = f" ({ev.certainty})" if ev.certainty not in ("reported", "confirmed") else ""
    return f"{kind}{where}{how}"


def sources_text(ev: EventCluster) -> str:
    """ "2 (Harbor Post, Kestrel Daily); denied in: Kestrel Daily"."""
    out = str(ev.independent_sources)
    if ev.outlets:
        out += f" ({', '.join(ev.outlets)})"
    den = sorted({s.outlet or s.doc_id for s in ev.sources if s.denies})
    return out + (f"; denied in: {', '.join(den)}" if den else "")


def event_when(ev: EventCluster) -> str:
    if ev.date:
        return ev.date
    lo, hi = ev.date_range
    if lo:
        return f"{lo}..{hi} (by publication)"
    return "undated"


def claim_status(lc: LedgerClaim) -> str:
    if lc.contradicted_by:
        return "contradicted"
    if lc.claim.denial:
        return "denial"
    return "corroborated" if lc.corroborated else "uncorroborated"


def _contra_text(x: Contradiction, other_side: str = "by") -> str:
    c = x.by if other_side == "by" else x.claim
    outlet = f", {c.outlet}" if c.outlet else ""
    when = f" {c.date}" if c.date else ""
    return f"{c.speaker} ({c.cue}{outlet}{when}): {c.content}"


# -- terminal ---------------------------------------------------------------------------------
def _kind_tag(kind: str) -> str:
    """ " (belief)" after the cue of a claim that is not a statement; nothing for a statement."""
    return "" if kind == "statement" else f" ({kind})"


def render_ledger_terminal(ledger: Ledger, console: Any | None = None) -> str:
    """Print the ledger with rich; returns the text as printed."""
    from rich.console import Console
    from rich.table import Table

    con = console or Console(record=True, width=110, file=io.StringIO())
    con.print(f"[bold]Ledger: {ledger.actor}[/bold]  ({ledger.shown})")
    con.print()
    con.print("[bold underline]What it claims, by topic[/bold underline]")
    if not ledger.claims:
        con.print("  no claims by this actor")
    for topic, cls in ledger.topics.items():
        con.print(f"[bold]{topic}[/bold]")
        for lc in cls:
            c = lc.claim
            status = claim_status(lc)
            badge = {
                "corroborated": f"[green]backed by {lc.corroborating_sources} independent "
                f"source(s)[/green]",
                "uncorroborated": "[yellow]no event corroborates[/yellow]",
                "contradicted": "[red]contradicted[/red]",
                "denial": "[magenta]denial[/magenta]",
            }[status]
            con.print(
                f"  • {c.date or 'undated'} · {c.speaker} {c.cue}{_kind_tag(c.kind)}: "
                f"\u201c{c.content}\u201d "
                f"— {c.outlet or c.doc_id}  {badge}",
                highlight=False,
            )
            if lc.also_said_by:
                who = ", ".join(
                    sorted({f"{o.speaker} ({o.outlet or o.doc_id})" for o in lc.also_said_by})
                )
                con.print(f"      also says this: {who}", highlight=False)
            for x in lc.contradicted_by:
                con.print(f"      [red]contradicted by[/red] {_contra_text(x)}", highlight=False)
            for x in lc.contradicts:
                con.print(f"      denies {_contra_text(x, 'claim')}", highlight=False)
            for e in lc.reporting_against:
                con.print(
                    f"      [red]reporting says otherwise:[/red] {event_title(e)}, "
                    f"{event_when(e)} — {e.independent_sources} independent source(s)",
                    highlight=False,
                )
    con.print()
    con.print(f"[bold underline]Events where {ledger.actor} acts[/bold underline]")
    if ledger.events:
        t = Table(show_lines=False)
        for col in ("date", "event", "role", "independent sources", "fatalities"):
            t.add_column(col)
        for le in ledger.events:
            ev = le.event
            what = event_title(ev)
            others = [a for a in ev.actors if a != ledger.actor]
            if others:
                what += f"\n[dim]with {', '.join(others)}[/dim]"
            if ev.missing:
                what += f"\n[dim]{'; '.join(ev.missing)}[/dim]"
            t.add_row(
                event_when(ev),
                what,
                le.role,
                sources_text(ev),
                ("[red]conflict: [/red]" if ev.fatalities_conflict else "") + figures_text(ev),
            )
        con.print(t)
    else:
        con.print("  no events")
    con.print()
    con.print("[bold underline]Claims no event corroborates[/bold underline]")
    for lc in ledger.uncorroborated or []:
        con.print(
            f"  • {lc.claim.date or 'undated'} \u201c{lc.claim.content}\u201d "
            f"({lc.claim.outlet or lc.claim.doc_id})",
            highlight=False,
        )
    if not ledger.uncorroborated:
        con.print("  none")
    con.print()
    con.print("[bold underline]Claims other sources contradict[/bold underline]")
    for lc in ledger.contradicted:
        con.print(f"  • \u201c{lc.claim.content}\u201d", highlight=False)
        for x in lc.contradicted_by:
            con.print(f"      {x.kind}: {_contra_text(x)}", highlight=False)
    if not ledger.contradicted:
        con.print("  none")
    if ledger.denials_against_reporting:
        con.print()
        con.print("[bold underline]Denials that reporting contradicts[/bold underline]")
        for lc in ledger.denials_against_reporting:
            con.print(f"  • \u201c{lc.claim.content}\u201d ({lc.claim.cue})", highlight=False)
            for e in lc.reporting_against:
                con.print(
                    f"      {event_title(e)}, {event_when(e)}: "
                    f"{e.independent_sources} independent source(s)",
                    highlight=False,
                )
    return str(con.export_text()) if console is None else ""


def render_trends_terminal(table: TrendTable, console: Any | None = None, top: int = 10) -> str:
    """Print a trends table with rich; returns the text."""
    from rich.console import Console
    from rich.table import Table

    con = console or Console(record=True, width=140, file=io.StringIO())
    groups = table.groups[:top]
    t = Table(title=f"Events per {table.period} by {table.by}")
    t.add_column("period")
    for g in groups:
        t.add_column(g, justify="right")
    if len(table.groups) > top:
        t.add_column(f"{len(table.groups) - top} others", justify="right")
    t.add_column("total", justify="right")
    t.add_column(f"distinct {table.by}", justify="right")
    for row in table.rows():
        cells = [row["period"], *(str(row[g]) for g in groups)]
        if len(table.groups) > top:
            cells.append(str(sum(row[g] for g in table.groups[top:])))
        cells += [str(row["total"]), str(row["distinct"])]
        t.add_row(*cells)
    con.print(t)
    if table.undated:
        con.print(f"{table.undated} event(s) without a usable date are not counted")
    return str(con.export_text()) if console is None else ""


# -- HTML -------------------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1050px;margin:2em auto;
color:#222;line-height:1.4;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid #ddd;padding:4px 6px;
vertical-align:top;text-align:left}th{background:#f4f4f4}
.badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:.8em;color:#fff}
.corroborated{background:#2a7d2a}.uncorroborated{background:#888}.contradicted{background:#c0392b}
.denial{background:#8e44ad}.conflict{color:#c0392b;font-weight:bold}.muted{color:#777;font-size:.85em}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc}
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts svg{max-width:100%;height:auto}
table.keys{font-size:.8em;margin:.4em 0 1em}table.keys td:nth-child(2){white-space:nowrap}details summary{cursor:pointer;color:#555}
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


def render_ledger_html(ledger: Ledger) -> str:
    """The ledger as one self-contained HTML page (inline CSS and SVG charts)."""
    from .charts import map_svg, timeline_svg

    evs = [le.event for le in ledger.events]
    rows = _timeline_rows(ledger)
    tl = timeline_svg(
        [(date, key + ("~" if approx else ""), n, "") for key, date, approx, _, _, n in rows
         if key.startswith("E")],
        [(date, key, status) for key, date, _, _, status, _ in rows if key.startswith("C")],
        title=f"{ledger.actor}: events (size = independent sources) and claims, keyed to "
        "the table below",
    )  # fmt: skip
    pts: dict[tuple[float, float], list[Any]] = {}
    countries: dict[str, int] = {}
    for e in evs:
        if _country_level(e):
            countries[e.country] = countries.get(e.country, 0) + 1  # type: ignore[index]
        elif e.lat is not None and e.lon is not None:
            key = (round(e.lat, 3), round(e.lon, 3))
            p = pts.setdefault(key, [e.lat, e.lon, e.place or "", 0])
            p[3] += 1
    mp = map_svg([(p[0], p[1], p[2], p[3]) for p in pts.values()], title="Where it acts",
                 countries=countries)  # fmt: skip

    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Ledger: {_e(ledger.actor)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Ledger: {_e(ledger.actor)}</h1>",
        f"<p class='muted'>{_e(ledger.shown[:1].upper() + ledger.shown[1:])}. Sources "
        "count independent outlets: republished copies and a second report by the same outlet "
        "do not count.</p>",
        f"<div class='charts'><div>{tl}</div><div>{mp}</div></div>",
        _timeline_table(rows),
        "<h2>What it claims, by topic</h2>",
    ]
    if not ledger.claims:
        out.append("<p>No claims by this actor.</p>")
    for topic, cls in ledger.topics.items():
        out.append(f"<h3>{_e(topic)}</h3><ul>")
        for lc in cls:
            out.append(_claim_html(lc))
        out.append("</ul>")
    out.append(f"<h2>Events where {_e(ledger.actor)} acts</h2>")
    if ledger.events:
        out.append(
            "<table><tr><th>date</th><th>event</th><th>role</th><th>actors</th>"
            "<th>independent sources</th><th>fatalities</th><th>reports</th><th>missing</th></tr>"
        )
        for le in ledger.events:
            ev = le.event
            fig = _e(figures_text(ev))
            if ev.fatalities_conflict:
                fig = f"<span class='conflict'>conflicting:</span> {fig}"
            reports = "".join(
                f"<blockquote>{_e(m.sentence)} <span class='muted'>— {_e(m.outlet or m.doc_id)}"
                f"{' (copy)' if any(s.doc_id == m.doc_id and s.copy_of for s in ev.sources) else ''}"
                "</span></blockquote>"
                for m in ev.members
            )
            out.append(
                f"<tr><td>{_e(event_when(ev))}</td><td>{_e(event_title(ev))}</td>"
                f"<td>{_e(le.role)}</td><td>{_e(', '.join(ev.actors))}</td>"
                f"<td>{_e(sources_text(ev))}</td><td>{fig}</td>"
                f"<td>{reports}</td><td>{_e('; '.join(ev.missing))}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>No events.</p>")
    out.append("<h2>Claims no event corroborates</h2><ul>")
    out += [_claim_html(lc) for lc in ledger.uncorroborated] or ["<li>none</li>"]
    out.append("</ul><h2>Claims other sources contradict</h2><ul>")
    out += [_claim_html(lc) for lc in ledger.contradicted] or ["<li>none</li>"]
    out.append("</ul>")
    if ledger.denials_against_reporting:
        out.append("<h2>Denials that reporting contradicts</h2><ul>")
        out += [_claim_html(lc) for lc in ledger.denials_against_reporting]
        out.append("</ul>")
    out.append("<p class='muted'>Generated by newsledger.</p></body></html>")
    return "\n".join(out)


def _country_level(e: Any) -> bool:
    """Whether an event is placed only in a country (its place is the country itself): the
    map shades the country rather than draw a town-like point at its centre."""
    from ..places import country_name

    return bool(e.country and e.place and e.place == country_name(e.country))


def _timeline_rows(ledger: Ledger) -> list[tuple[str, str | None, bool, str, str, int]]:
    """(key, date, approximate, what, status or sources, independent sources) of each dated
    event (E1…) and claim (C1…), in date order: the timeline draws the keys, the table below
    it says what each one is (a chart never has room for the words)."""
    events = []
    for le in ledger.events:
        e = le.event
        date, approx = (e.date, len(e.date) < 10) if e.date else (e.date_range[1], True)
        if date:
            events.append((date, approx, event_title(e), sources_text(e), e.independent_sources))
    claims = [(lc.claim.date, lc) for lc in ledger.claims if lc.claim.date]
    rows: list[tuple[str, str | None, bool, str, str, int]] = []
    for i, (date, approx, what, sources, n) in enumerate(sorted(events, key=lambda x: x[0])):
        rows.append((f"E{i + 1}", date, approx, what, sources, n))
    for i, (date, lc) in enumerate(sorted(claims, key=lambda x: x[0] or "")):
        what = f"{lc.claim.speaker} {lc.claim.cue}: {_short(lc.claim.content, 90)}"
        rows.append((f"C{i + 1}", date, len(date or "") < 10, what, claim_status(lc), 0))
    return sorted(rows, key=lambda r: (r[1] or "", r[0][0], int(r[0][1:])))


def _timeline_table(rows: list[tuple[str, str | None, bool, str, str, int]]) -> str:
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{_e(key)}</td><td>{_e(date)}{' (about)' if approx else ''}</td>"
        f"<td>{_e(what)}</td><td>{_e(status)}</td></tr>"
        for key, date, approx, what, status, _ in rows
    )
    return (
        "<details open><summary>The timeline's points</summary><table class='keys'>"
        f"<tr><th>key</th><th>date</th><th>event or claim</th><th>sources or status</th></tr>"
        f"{body}</table></details>"
    )


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _claim_html(lc: LedgerClaim) -> str:
    c = lc.claim
    st = claim_status(lc)
    label = {
        "corroborated": f"backed by {lc.corroborating_sources} independent source(s)",
        "uncorroborated": "no event corroborates",
        "contradicted": "contradicted",
        "denial": "denial",
    }[st]
    parts = [
        f"<li><span class='badge {st}'>{_e(label)}</span> {_e(c.date or 'undated')} · "
        f"<b>{_e(c.speaker)}</b> <i>{_e(c.cue + _kind_tag(c.kind))}</i>: “{_e(c.content)}” "
        f"<span class='muted'>— {_e(c.outlet or c.doc_id)}</span>"
    ]
    if lc.also_said_by:
        who = sorted({f"{o.speaker} ({o.outlet or o.doc_id})" for o in lc.also_said_by})
        parts.append(f"<div class='muted'>also says this: {_e(', '.join(who))}</div>")
    for x in lc.contradicted_by:
        parts.append(f"<div>contradicted by {_e(_contra_text(x))}</div>")
    for x in lc.contradicts:
        parts.append(f"<div class='muted'>denies {_e(_contra_text(x, 'claim'))}</div>")
    for e in lc.reporting_against:
        parts.append(
            f"<div>reporting says otherwise: {_e(event_title(e))}, {_e(event_when(e))} — "
            f"{e.independent_sources} independent source(s)</div>"
        )
    parts.append(f"<div class='muted'>{_e(c.sentence)}</div></li>")
    return "".join(parts)


__all__ = [
    "event_title",
    "figures_text",
    "render_ledger_html",
    "render_ledger_terminal",
    "render_trends_terminal",
]
