"""Geoparsing evaluation: ``newsledger eval geo FILE.xml`` on LGL or GeoWebNews (GWN) XML.

Metrics:

* toponym detection precision / recall / F1. Rule ``overlap`` (the headline figure): a
  predicted mention matches a gold toponym when their character spans overlap, one-to-one in
  text order. Rule ``exact``: identical start and end offsets (also reported).
* ``acc161_found``: among matched (overlap) pairs, the share whose predicted coordinates lie
  within 161 km (100 miles) of the gold coordinates; unresolved predictions count as wrong.
* ``acc161_e2e``: the same correct pairs divided by *all* gold toponyms (misses count as
  wrong) — the end-to-end figure.
* ``median_km``: median error of the matched pairs that have coordinates; ``auc`` is the
  area under the curve of log error as in Gritta et al. (0 best, 1 worst).

Gold in LGL: every ``<toponym>`` with a ``<gaztag>`` (coordinates) except demonyms
("Sudanese", "Israeli": LGL tags them, newsledger deliberately does not). Gold in GWN: toponyms with
coordinates of the types Literal, Metonymic, Mixed, Literal_Modifier, Non_Literal_Modifier,
Embedded_Literal and Coercion, except those whose ``modifierType`` is Adjective ("Russian
officials": a demonym-like adjective, which newsledger deliberately does not treat as a place)
and Embedded_Non_Lit (a place word inside an organisation's name, "Jamaica Cancer Society").
``all_coords`` figures count every toponym with coordinates as gold, for comparison.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

GWN_TYPES = {
    "Literal",
    "Metonymic",
    "Mixed",
    "Literal_Modifier",
    "Non_Literal_Modifier",
    "Embedded_Literal",
    "Coercion",
}

Gold = tuple[int, int, float, float, str]
Pred = tuple[int, int, float | None, float | None, str]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _root(src: str | Path | ET.Element) -> ET.Element:
    """The parsed file (a caller reading one file several ways parses it once)."""
    return src if isinstance(src, ET.Element) else ET.parse(src).getroot()


def read(
    src: str | Path | ET.Element, all_coords: bool = False
) -> list[tuple[str, str, list[Gold]]]:
    """Articles as (id, text, gold toponyms) from an LGL or GWN file (a path or its parsed
    root)."""
    root = _root(src)
    out: list[tuple[str, str, list[Gold]]] = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold: list[Gold] = []
        for t in art.iter("toponym"):
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            tag = t.find("gaztag")
            if tag is not None:  # LGL
                lat, lon = tag.findtext("lat"), tag.findtext("lon")
                phrase = t.findtext("phrase") or ""
                if not all_coords and _demonym(phrase):
                    continue
            else:  # GWN
                lat, lon = t.findtext("latitude"), t.findtext("longitude")
                phrase = t.findtext("extractedName") or ""
                typ = t.findtext("type") or ""
                if not all_coords and (
                    typ not in GWN_TYPES or t.findtext("modifierType") == "Adjective"
                ):
                    continue
            if not lat or not lon or start < 0:
                continue
            gold.append((start, end, float(lat), float(lon), phrase))
        out.append((art.get("docid") or art.get("file") or str(i), text, gold))
    return out


def read_meta(src: str | Path | ET.Element) -> list[dict[str, str | None]]:
    """Each article's address as a real article has it: ``url`` (LGL ``<url>``, GWN
    ``<link>``), ``outlet`` (LGL ``<domain>``) and ``title``; in the order of :func:`read`."""
    root = _root(src)
    return [
        {
            "url": art.findtext("url") or art.findtext("link"),
            "outlet": art.findtext("domain"),
            "title": art.findtext("title"),
        }
        for art in root.iter("article")
    ]


def _demonym(phrase: str) -> bool:
    from ..places.gazetteer import get_gazetteer

    return get_gazetteer().is_demonym(phrase)


def _match(gold: list[Gold], pred: list[Pred], exact: bool) -> list[tuple[Gold, Pred]]:
    pairs: list[tuple[Gold, Pred]] = []
    used: set[int] = set()
    for g in sorted(gold):
        for k, p in enumerate(pred):
            if k in used:
                continue
            ok = (p[0] == g[0] and p[1] == g[1]) if exact else (p[0] < g[1] and g[0] < p[1])
            if ok:
                pairs.append((g, p))
                used.add(k)
                break
    return pairs


def evaluate(
    articles: list[tuple[str, str, list[Gold]]], preds: list[list[Pred]]
) -> dict[str, Any]:
    n_gold = sum(len(g) for _, _, g in articles)
    n_pred = sum(len(p) for p in preds)
    m: dict[str, Any] = {"articles": len(articles), "gold": n_gold, "predicted": n_pred}
    errors: list[float] = []
    correct = 0
    matched = 0
    for rule in ("exact", "overlap"):
        tp = 0
        for (_, _, gold), pred in zip(articles, preds, strict=True):
            pairs = _match(gold, pred, exact=rule == "exact")
            tp += len(pairs)
            if rule == "overlap":
                matched += len(pairs)
                for g, p in pairs:
                    if p[2] is None or p[3] is None:
                        errors.append(20039.0)  # unresolved: as far as it gets
                        continue
                    d = km(g[2], g[3], p[2], p[3])
                    errors.append(d)
                    correct += d <= 161
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        m[rule] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}
    m["acc161_found"] = round(correct / matched, 4) if matched else 0.0
    m["acc161_e2e"] = round(correct / n_gold, 4) if n_gold else 0.0
    m["median_km"] = round(statistics.median(errors), 1) if errors else None
    m["auc"] = (
        round(sum(math.log(1 + e) for e in errors) / (len(errors) * math.log(20039)), 4)
        if errors
        else None
    )
    return m


def predict(
    texts: list[str], meta: list[dict[str, str | None]] | None = None
) -> tuple[list[list[Pred]], dict[str, float]]:
    """Run nlp + places over ``texts`` (with each article's url/outlet/title from ``meta``,
    when given); predictions and the time each stage took."""
    from ..document import Document, Section
    from ..nlp import NLP
    from ..places import PlaceStage

    nlp, places = NLP(), PlaceStage()
    meta = meta or [{} for _ in texts]
    docs = [
        Document(
            id=str(i),
            text=t,
            sections=[Section("body", 0, len(t))],
            url=me.get("url"),
            outlet=me.get("outlet"),
            title=me.get("title"),
        )
        for i, (t, me) in enumerate(zip(texts, meta, strict=True))
    ]
    # load the model and the gazetteer (with its fuzzy index) before timing: one-off costs
    _ = nlp.nlp
    places.resolver.gaz.warm()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(docs, batch_size=32))
    t1 = time.perf_counter()
    out: list[list[Pred]] = []
    for d in docs:
        places(d)
        out.append([(m.start, m.end, p.lat, p.lon, m.text) for p in d.places for m in p.mentions])
    t2 = time.perf_counter()
    return out, {"spacy_s": round(t1 - t0, 2), "places_s": round(t2 - t1, 2)}


def run(path: str, limit: int | None = None, use_meta: bool = True) -> dict[str, Any]:
    """Evaluate on an LGL or GWN file (first ``limit`` articles). With ``use_meta`` the
    stage sees each article's web address as a real article has it (see :func:`read_meta`)."""
    root = _root(path)  # parsed once for the three readings below
    articles = read(root)[:limit] if limit else read(root)
    meta = read_meta(root)[: len(articles)] if use_meta else None
    preds, timing = predict([t for _, t, _ in articles], meta)
    m = evaluate(articles, preds)
    m["file"] = Path(path).name
    m["article_meta"] = use_meta
    m["timing"] = timing
    m["places_cost_vs_spacy"] = (
        round(timing["places_s"] / timing["spacy_s"], 3) if timing["spacy_s"] else None
    )
    allc = read(root, all_coords=True)[: len(articles)]
    m["all_coords"] = {
        k: v for k, v in evaluate(allc, preds).items() if k in ("gold", "overlap", "acc161_e2e")
    }
    return m


def format_report(m: dict[str, Any]) -> str:
    lines = [
        f"geoparsing on {m.get('file')}: {m['articles']} articles, {m['gold']} gold toponyms, "
        f"{m['predicted']} predicted",
    ]
    for rule in ("overlap", "exact"):
        r = m[rule]
        lines.append(
            f"  detection ({rule:7s}) P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
        )
    lines.append(f"  accuracy@161km among found   {m['acc161_found']:.3f}")
    lines.append(f"  accuracy@161km end-to-end    {m['acc161_e2e']:.3f}")
    lines.append(f"  median error km              {m['median_km']}   AUC {m['auc']}")
    if "all_coords" in m:
        g = m["all_coords"]
        lines.append(
            f"  (every toponym with coordinates as gold: {g['gold']} gold, "
            f"F1 {g['overlap']['f1']:.3f}, acc@161 e2e {g['acc161_e2e']:.3f})"
        )
    t = m.get("timing", {})
    lines.append(
        f"  time: spaCy {t.get('spacy_s')} s, places {t.get('places_s')} s "
        f"({m.get('places_cost_vs_spacy')} of spaCy)"
    )
    return "\n".join(lines)


__all__ = ["evaluate", "format_report", "km", "read", "read_meta", "run"]
