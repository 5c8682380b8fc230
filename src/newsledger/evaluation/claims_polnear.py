"""Claims on PolNeAR: ``newsledger eval claims ../shared/data/claims/polnear_valid.jsonl``.

The file: one article a line, ``{"id", "text", "gold": {"claims": [{"content_start",
"content_end", "speaker", "speaker_start", "speaker_end", "cue", "content"}]}}`` — every
attribution of the PolNeAR corpus (statements, beliefs, intentions, non-human sources,
sentiments). A content its speaker and cue interrupt is one gold line per piece; lines with the
same speaker span and cue are read as one attribution with several pieces.

PolNeAR's matching convention (content overlap): a predicted claim and a gold attribution match
when any piece of one shares a character with any piece of the other; pairs are matched
one-to-one, greedily by the number of shared characters. Precision is matched predictions over
predictions, recall matched gold attributions over gold attributions.

* speaker accuracy: among matched pairs whose gold attribution names a speaker, the share whose
  predicted speaker phrase overlaps the gold speaker span, or whose text or resolved name is
  the gold speaker text by :func:`.claims.speaker_correct` (``speaker_accuracy_names``, the
  measure before 2026-12-05); ``speaker_accuracy`` also counts the same referent named by
  another mention (:func:`same_referent`: a gold speaker span slipped onto the reporting verb
  next to the name, a relative pronoun after a coordinated antecedent, a he/she/they whose
  nearest preceding subject of that kind is the predicted speaker).
* ``speaker_accuracy_consistent``: the same measure without the pairs whose gold speaker the
  gold line itself shows to be another attribution's (:func:`misplaced`: after the content, in
  a later sentence, the cue before the content); ``speaker_misplaced_gold`` counts them. A
  diagnostic beside the measure, not a replacement.
* pronoun speakers resolved: among predicted claims whose speaker as written is a personal
  pronoun (he, she, they, we, it), the share given a name (``speaker_name``) — a name the text
  gives earlier; PolNeAR carries no coreference, so the right name is measured on GGT.

The articles are split once, by a hash of their name, into a development part (about 65 % of
the rows, tuned on) and a held-aside part (about 35 %, reported, never tuned on); the copies of
one article (PolNeAR has several annotators' copies of some) stay in one part.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .claims import PRONOUNS, _cost, _norm, _pieces, _prf, process, speaker_correct

DEV_SHARE = 0.65
_PERSONAL = frozenset({"he", "she", "they", "we", "it"})
_RELATIVE = frozenset({"who", "which", "that"})


def article_of(row_id: str) -> str:
    """The article an id names: PolNeAR carries one article several times, once per annotator,
    with ids that differ only in a last ``_xxxx`` part."""
    return re.sub(r"_[0-9a-f]{4}$", "", row_id)


def split(ids: list[str]) -> dict[str, str]:
    """Row id -> "dev" | "held": articles (all copies of one together) in the order of the
    SHA-1 of their name; the first 65 % of the rows are dev."""
    arts = sorted({article_of(i) for i in ids}, key=lambda a: hashlib.sha1(a.encode()).hexdigest())
    n_dev = round(len(ids) * DEV_SHARE)
    out: dict[str, str] = {}
    seen = 0
    for a in arts:
        rows = [i for i in ids if article_of(i) == a]
        part = "dev" if seen < n_dev else "held"
        seen += len(rows)
        out.update({i: part for i in rows})
    return out


def gold_attributions(row: dict[str, Any], join: bool = True) -> list[dict[str, Any]]:
    """The gold attributions of a row: pieces grouped by speaker span and cue. With ``join``,
    two more kinds of lines are pieces of the attribution before them, as the file splits
    them: a line without speaker and cue that goes straight on from the previous line (only
    white space or an opening quote mark between: the next sentence of a multi-sentence
    content), and a line without speaker whose cue, the same as the previous speakerless
    line's, stands between the two ("the city | can appear | to be an economic powerhouse")."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    text = row.get("text", "")
    prev: tuple[dict[str, Any], dict[str, Any]] | None = None  # (line, its attribution)
    for k, g in enumerate(row["gold"]["claims"]):
        att = None
        if g.get("speaker_start") is not None:
            key: tuple[Any, ...] = (g["speaker_start"], g["speaker_end"], g.get("cue"))
            att = groups.get(key)
        else:
            key = ("alone", k)
            if join and prev is not None and prev[0]["content_end"] <= g["content_start"]:
                gap = text[prev[0]["content_end"] : g["content_start"]]
                cue = g.get("cue")
                if not cue and not gap.strip(" \n“\"'‘"):
                    att = prev[1]  # the next sentence of the content before
                elif (
                    cue
                    and prev[0].get("speaker_start") is None
                    and prev[0].get("cue") == cue
                    and cue in gap
                ):
                    att = prev[1]  # the other side of its cue
        if att is None:
            att = {
                "pieces": [],
                "speaker": g.get("speaker"),
                "speaker_span": (g.get("speaker_start"), g.get("speaker_end")),
                "cue": g.get("cue"),
            }
            groups[key] = att
            out.append(att)
        att["pieces"].append((g["content_start"], g["content_end"]))
        prev = (g, att)
    return out


def shared_chars(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    n = 0
    for s1, e1 in a:
        for s2, e2 in b:
            n += max(0, min(e1, e2) - max(s1, s2))
    return n


def match_pieces(
    gold: list[list[tuple[int, int]]], pred: list[list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """One-to-one greedy matching by decreasing shared characters: (gold index, pred index)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            n = shared_chars(g, p)
            if n > 0:
                pairs.append((n, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def speaker_right(att: dict[str, Any], c: Any, shift: int) -> bool:
    """The predicted speaker phrase overlaps the gold one; or it is the antecedent right
    before a gold relative pronoun ("Mr. Kamin, who ..."); or its text or name is the gold
    text by :func:`.claims.speaker_correct`, or its last word is a word of the gold phrase's
    head (the gold phrase up to its first comma or bracket: "Sen. Bernie Sanders (Vt.), who
    lost ..." -> "Sen. Bernie Sanders")."""
    s, e = att["speaker_span"]
    gold = att["speaker"] or ""
    if c.speaker_start is not None and s is not None:
        ps, pe = c.speaker_start + shift, c.speaker_end + shift
        if min(e, pe) - max(s, ps) > 0:
            return True
        if _norm(gold) in _RELATIVE and 0 <= s - pe <= 3:
            return True
    if speaker_correct(c.speaker_name, c.speaker_text, gold, ""):
        return True
    head = re.split(r",|\(| who | which ", gold)[0].lower().split()
    return any(p and _norm(p).split()[-1] in head for p in (c.speaker_name, c.speaker_text))


#: gold speaker phrases that are the reporting verb next to the name ("said Robert McAtee":
#: the span slipped one word)
_VERB_SLIPS = frozenset({"said", "says", "say", "told", "added", "wrote", "asked"})
_COORDINATED = re.compile(r"\s*(,?\s+(and|or)\s+[^.;:!?“”\"]{1,40})?\s*,?\s*")
#: what a personal pronoun's antecedent must be (spaCy entity types, or a plural noun's tag)
#: what a "who" does not stand for
_NOT_WHO = frozenset({"GPE", "LOC", "FAC", "DATE", "CARDINAL"})
#: the roles in which another person between makes a he/she ambiguous
_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})
_PRONOUN_ANTECEDENT: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "he": (frozenset({"PERSON"}), frozenset()),
    "she": (frozenset({"PERSON"}), frozenset()),
    "they": (frozenset({"NORP", "ORG"}), frozenset({"NNS", "NNPS"})),
}


def _person_tok(tok: Any, surnames: frozenset[str]) -> bool:
    """A named person: a spaCy person, or a proper noun that is the last word of a person the
    text names ("Lynch", tagged as an organisation, after "Loretta Lynch")."""
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in surnames)


def antecedent(sdoc: Any, start: int, pronoun: str) -> Any:
    """The nearest subject before ``start`` (a character offset of the parse), in its sentence
    or the two before, that a personal pronoun can stand for: a named person for he/she, a
    plural noun, a group or an organisation for they; None when there is none, or when another
    named person stands between the subject and a he/she as a subject or an object ("Warren
    told Stumpf, after he admitted": ambiguous without a resolver, so not counted; a person in
    an adjunct, "after meeting with Putin. He …", does not compete with the subject). A
    stand-in for the coreference PolNeAR does not annotate, independent of the claims stage's
    resolver."""
    types, tags = _PRONOUN_ANTECEDENT[pronoun]
    at = sdoc.char_span(start, start + 1, alignment_mode="expand")
    if at is None:
        return None
    first = at[0].sent.start
    for _ in range(2):
        if first > 0:
            first = sdoc[first - 1].sent.start
    surnames = frozenset(e[-1].text for e in sdoc.ents if e.label_ == "PERSON" and len(e) > 1)
    for tok in reversed(sdoc[first : at.start]):
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        person = pronoun != "they" and _person_tok(tok, surnames)
        if person or tok.ent_type_ in types or tok.tag_ in tags:
            between = sdoc[tok.i + 1 : at.start]
            if pronoun != "they" and any(  # another person between: ambiguous, no antecedent
                t.dep_ in _ROLES and (t.ent_type_ == "PERSON" or t.pos_ == "PROPN") for t in between
            ):
                return None
            return tok
    return None


def _relative_antecedent(sdoc: Any, start: int) -> Any:
    """The noun a relative pronoun at ``start`` stands for, by the parse: the head of its
    relative clause; for "who", the person a place hangs from ("Donna Sampson Rawlings, 59, of
    Ashton, Md., who watched …": Rawlings, not Ashton)."""
    at = sdoc.char_span(start, start + 1, alignment_mode="expand")
    if at is None or at[0].lower_ not in _RELATIVE:
        return None
    verb = at[0].head
    if verb.dep_ != "relcl" or verb.head.i > at[0].i:
        return None
    tok = verb.head
    # "who" stands for a person, not the place the parse hung it from ("X, of Ashton, Md., who")
    for _ in range(3):
        if at[0].lower_ != "who" or tok.ent_type_ not in _NOT_WHO or tok.dep_ != "pobj":
            break
        tok = tok.head.head
    return tok


def same_referent(att: dict[str, Any], c: Any, shift: int, text: str, sdoc: Any) -> bool:
    """The predicted speaker names the gold speaker's referent by another mention: the gold
    span is the reporting verb right before the predicted phrase ("said | Robert McAtee"); the
    gold is a relative pronoun whose antecedent, coordinated, starts with the predicted phrase
    ("both Democrats and Republicans, | who") or is, by the parse, the noun its relative clause
    hangs from; or the gold is he/she/they and its :func:`antecedent` lies in the predicted
    phrase or is its name's last word (also for a prediction without offsets: a quote that
    continues the speaker before it)."""
    s, e = att["speaker_span"]
    if s is None:
        return False
    gold = _norm(att["speaker"])
    if gold in _PRONOUN_ANTECEDENT and sdoc is not None and s - shift >= 0:
        tok = antecedent(sdoc, s - shift, gold)
        return tok is not None and _names(c, tok, shift)
    if c.speaker_start is None:
        return False
    ps = c.speaker_start + shift
    after = text[e : e + 3 + len(c.speaker_text)]
    if gold in _VERB_SLIPS and c.speaker_text and after.lstrip().startswith(c.speaker_text):
        return True
    if gold in _RELATIVE and c.speaker_text and abs(ps - s) <= 100:
        # by the words (a document's offsets can drift a character or two from the row's)
        before = re.escape(c.speaker_text) + _COORDINATED.pattern + "$"
        if re.search(before, text[max(0, s - 100) : s]):
            return True
        tok = _relative_antecedent(sdoc, s - shift) if sdoc is not None else None
        return tok is not None and _names(c, tok, shift)
    return False


def _names(c: Any, tok: Any, shift: int) -> bool:
    """The predicted speaker is ``tok``: its phrase holds it, or its name ends with it."""
    if c.speaker_start is not None and c.speaker_start <= tok.idx < c.speaker_end:
        return True
    return bool(c.speaker_name) and _norm(c.speaker_name).split()[-1] == tok.text.lower()


def misplaced(att: dict[str, Any], text: str) -> bool:
    """The gold speaker span is, by the gold line itself, another attribution's: it stands after
    the content, in a later sentence, while the line's cue stands right before the content and
    nowhere between the content and the speaker or just after it ("Trump has said that he would
    not … . Democratic candidate Hillary Clinton …" given to Clinton). Such pairs are left out
    of ``speaker_accuracy_consistent`` only."""
    s, e = att["speaker_span"]
    cue = (att.get("cue") or "").strip().lower()
    if s is None or not cue or not att["pieces"]:
        return False
    first = min(a for a, _ in att["pieces"])
    last = max(b for _, b in att["pieces"])
    if s < last or cue in text[last : e + 40].lower():
        return False
    if not re.search(r"[.!?][\"”’]?\s", text[max(0, last - 2) : s]):
        return False
    return cue in text[max(0, first - len(cue) - 40) : first].lower()


def _empty() -> dict[str, Any]:
    return {
        "articles": 0,
        "gold": 0,
        "predicted": 0,
        "tp": 0,
        "spk_ok": 0,
        "spk_names": 0,
        "spk_n": 0,
        "spk_placed_ok": 0,
        "spk_placed_n": 0,
        "pro_ok": 0,
        "pro_n": 0,
        "by_kind": {},
    }


def _score(acc: dict[str, Any], row: dict[str, Any], doc: Any, shift: int) -> None:
    atts = gold_attributions(row)
    preds = [_pieces(c, shift) for c in doc.claims]
    acc["articles"] += 1
    acc["gold"] += len(atts)
    acc["predicted"] += len(preds)
    for c in doc.claims:
        acc["by_kind"][c.kind] = acc["by_kind"].get(c.kind, 0) + 1
        if _norm(c.speaker_text) in _PERSONAL:
            acc["pro_n"] += 1
            acc["pro_ok"] += bool(c.speaker_name) and _norm(c.speaker_name) not in PRONOUNS
    for gi, pi in match_pieces([a["pieces"] for a in atts], preds):
        acc["tp"] += 1
        if atts[gi]["speaker"]:
            acc["spk_n"] += 1
            c = doc.claims[pi]
            by_name = speaker_right(atts[gi], c, shift)
            acc["spk_names"] += by_name
            ok = by_name or same_referent(
                atts[gi], c, shift, row.get("text", ""), doc.user_data.get("spacy")
            )
            acc["spk_ok"] += ok
            if not misplaced(atts[gi], row.get("text", "")):
                acc["spk_placed_n"] += 1
                acc["spk_placed_ok"] += ok


def _finish(acc: dict[str, Any]) -> dict[str, Any]:
    return {
        "articles": acc["articles"],
        "gold": acc["gold"],
        "predicted": acc["predicted"],
        "content": _prf(acc["tp"], acc["predicted"], acc["gold"]),
        "speaker_accuracy": round(acc["spk_ok"] / acc["spk_n"], 4) if acc["spk_n"] else 0.0,
        "speaker_accuracy_names": round(acc["spk_names"] / acc["spk_n"], 4)
        if acc["spk_n"]
        else 0.0,
        "speaker_matched": acc["spk_n"],
        "speaker_accuracy_consistent": round(acc["spk_placed_ok"] / acc["spk_placed_n"], 4)
        if acc["spk_placed_n"]
        else 0.0,
        "speaker_misplaced_gold": acc["spk_n"] - acc["spk_placed_n"],
        "pronouns_resolved": round(acc["pro_ok"] / acc["pro_n"], 4) if acc["pro_n"] else None,
        "pronoun_speakers": acc["pro_n"],
        "predicted_by_kind": acc["by_kind"],
    }


def run_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Score PolNeAR rows: the dev part, the held-aside part, and all."""
    parts = split([str(r["id"]) for r in rows])
    done, timing = process(rows)
    accs = {"dev": _empty(), "held": _empty(), "all": _empty()}
    failed = 0
    for row, got in zip(rows, done, strict=True):
        if got is None:
            failed += 1
            continue
        doc, shift = got
        _score(accs[parts[str(row["id"])]], row, doc, shift)
        _score(accs["all"], row, doc, shift)
    m: dict[str, Any] = {"format": "polnear", "articles": len(rows), "failed": failed}
    for k, acc in accs.items():
        m[k] = _finish(acc)
    m.update(_cost(timing))
    return m


def format_report(m: dict[str, Any]) -> str:
    lines = [f"claims on {m['articles']} PolNeAR articles ({m['failed']} failed), content overlap"]
    for part in ("dev", "held", "all"):
        r = m[part]
        c = r["content"]
        lines.append(
            f"  {part:4} ({r['articles']} articles, {r['gold']} gold, {r['predicted']} predicted): "
            f"P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}; speaker "
            f"{r['speaker_accuracy']:.3f} of {r['speaker_matched']} (by span or name only "
            f"{r['speaker_accuracy_names']:.3f}; {r['speaker_misplaced_gold']} gold speakers "
            f"misplaced, without them {r['speaker_accuracy_consistent']:.3f}); pronouns named "
            f"{r['pronouns_resolved']} of {r['pronoun_speakers']}"
        )
        lines.append(f"        predicted by kind: {r['predicted_by_kind']}")
    lines.append(f"  time (s): {m['seconds']}; claims / spaCy = {m['claims_cost_vs_spacy']}")
    return "\n".join(lines)
