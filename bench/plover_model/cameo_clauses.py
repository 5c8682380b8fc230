"""Clauses written from PETRARCH2's CAMEO verb dictionary, as further training data for the
PLOVER model (``train.py --cameo N``).

Input: ``../shared/data/actors/CAMEO.verbpatterns.150430.txt`` (Open Event Data Alliance, MIT;
TABARI's CAMEO verb dictionaries with WordNet synonym sets). Each verb block ("--- DEMAND [100]
---") lists verbs sharing a CAMEO code, some with their own code or irregular forms
("STRIKE {STRIKES STRUCK STRIKING}"), and patterns that refine a verb's code by the words after
it ("- * SANCTIONS AGAINST [163]  # ANNOUNCE": ``+`` the target, ``$`` the source, ``&NAME`` a
synonym set). A code becomes a PLOVER category by the codebook's crosswalk (``plover_of``).

Each verb, and each pattern with words only after the verb, becomes one clause in the past
tense: a subject, the verb, the pattern's words (or the verb's particle) and a target, the
parties drawn in turn from a short list of political subjects and objects. Patterns with words
before the verb are skipped (their context is modality, negation or another clause: "DID NOT *",
"WILL *"), as are codes with no category (01 and 02 statements, CAMEO's ``---``). The clauses
are written by this script, not taken from any text; they teach the model verbs its other
training data lacks, and the NONE clauses of real no-event text still set its threshold.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
SOURCE = ROOT.parent / "shared" / "data" / "actors" / "CAMEO.verbpatterns.150430.txt"

SUBJECTS = (
    "The government",
    "Rebels",
    "Police",
    "The army",
    "Turkish officials",
    "The United Nations",
    "Opposition leaders",
    "The foreign minister",
    "Russia",
    "Militants",
    "The president",
    "Protesters",
)
OBJECTS = (
    "the rebels",
    "Iraq",
    "the opposition",
    "neighbouring countries",
    "the government",
    "the United States",
    "the militants",
    "Pakistan",
    "the protesters",
    "the European Union",
)

_BLOCK = re.compile(r"^---\s*([A-Z_]+)\s*(?:\[([^\]]*)\])?")
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


def plover_of(code: str) -> str:
    """The PLOVER category of a CAMEO code by the codebook's crosswalk ('' when none)."""
    code = code.split(":")[0].rstrip("!").strip()
    if not code.isdigit() or len(code) < 2:
        return ""
    root = code[:2]
    if root == "08":
        third = code[2:3]
        return "CONCEDE" if third in ("1", "2", "3") else "RETREAT" if third in "4567" else ""
    table = {
        "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
        "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
        "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
        "19": "ASSAULT", "20": "ASSAULT",
    }  # fmt: skip
    return table.get(root, "")


def past(word: str) -> str:
    """A regular past tense ("demand" -> "demanded", "accuse" -> "accused", "deny" -> "denied")."""
    if word.endswith("e"):
        return word + "d"
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ied"
    return word + "ed"


def _past_form(head: str, forms: str | None) -> str:
    """The past of a verb line's head (``WAGE_WAR`` -> "waged war"), from its listed irregular
    forms when it has them."""
    if forms:
        for f in forms.split():
            f = f.lstrip("+")
            first = f.split("_")[0]
            if first.endswith("ING") or (first.endswith("S") and not first.endswith("SS")):
                continue
            return f.replace("_", " ").lower()
    words = head.lstrip("+").lower().split("_")
    return " ".join([past(words[0]), *words[1:]]).strip()


def _synonyms(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            name = line[1:].rstrip("_")
            sets[name] = []
        elif line.startswith("+") and name is not None:
            sets[name].append(line[1:].lower().replace("_", " ").strip())
        elif not line:
            name = None
    return sets


def vocabulary() -> frozenset[str]:
    """The whole words of the embedding model's WordPiece vocabulary: a pattern word outside it
    is a stem the dictionary matches by prefix ("REDUC", "REVIV") and is no word to write."""
    import json

    from newsledger.events.embed import TOKENIZER_PATH

    vocab = json.loads(TOKENIZER_PATH.read_text("utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha())


def _words(
    after: str, sets: dict[str, list[str]], target: str, vocab: frozenset[str]
) -> str | None:
    out: list[str] = []
    for w in after.split():
        if w in ("+",):
            out.append(target)
        elif w in ("$", "%", "^"):
            continue
        elif w.startswith("&"):
            alts = sets.get(w[1:].rstrip("_"))
            if not alts:
                return None
            out.append(alts[0])
        elif re.fullmatch(r"[A-Z][A-Z_'-]*", w):
            words = w.replace("_", " ").lower().split()
            if not all(x in vocab for x in words):
                return None
            out.append(" ".join(words))
        else:
            return None
    if target not in out:
        out.append(target)
    return " ".join(out)


def _rows(source: Path) -> list[tuple[str, str, str]]:
    """(verb past, words after it or '', CAMEO code) of every verb and after-only pattern."""
    lines = source.read_text("utf-8", errors="replace").splitlines()
    start = next(i for i, ln in enumerate(lines) if "VERB PATTERNS" in ln)
    sets = _synonyms(lines[:start])
    vocab = vocabulary()
    rows: list[tuple[str, str, str]] = []
    pasts: dict[str, str] = {}
    block_code = ""
    for raw in lines[start + 1 :]:
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        m = _BLOCK.match(line)
        if m:
            block_code = (m.group(2) or "").strip()
            continue
        if line.startswith("-"):
            pattern, _, rest = line[1:].partition("[")
            code = rest.split("]")[0].strip()
            before, star, after = pattern.partition("*")
            if not star or before.strip() or after.startswith("_"):
                continue
            verb = (comment.split() or [""])[0].upper()
            if verb not in pasts:
                continue
            words = _words(after, sets, "{obj}", vocab)
            if words:
                rows.append((pasts[verb], words, code))
            continue
        forms = _FORMS.search(line)
        word = _CODE.sub(" ", _FORMS.sub(" ", line)).split()
        if not word or not re.fullmatch(r"\+?[A-Z][A-Z_-]*", word[0]):
            continue
        m_code = _CODE.search(line)
        code = m_code.group(1).strip() if m_code else block_code
        head = word[0]
        pasts[head.lstrip("+").split("_")[0]] = _past_form(head, forms.group(1) if forms else None)
        rows.append((pasts[head.lstrip("+").split("_")[0]], "{obj}", code))
    return rows


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def clauses(per_category: int, source: Path = SOURCE) -> list[tuple[str, str]]:
    """(clause, PLOVER category): at most ``per_category`` of each, chosen by the SHA-1 of the
    clause (so the set is the same on every run)."""
    by_cat: dict[str, list[str]] = {}
    for n, (verb, words, code) in enumerate(_rows(source)):
        cat = plover_of(code)
        if not cat:
            continue
        subj = SUBJECTS[n % len(SUBJECTS)]
        obj = OBJECTS[(n // len(SUBJECTS)) % len(OBJECTS)]
        by_cat.setdefault(cat, []).append(f"{subj} {verb} {words.format(obj=obj)}")
    out: list[tuple[str, str]] = []
    for cat in sorted(by_cat):
        chosen = sorted(set(by_cat[cat]), key=_key)[:per_category]
        out.extend((c, cat) for c in chosen)
    return out


if __name__ == "__main__":
    import collections

    got = clauses(10_000)
    print(collections.Counter(c for _, c in got))
    for text, cat in sorted(got, key=lambda x: _key(x[0]))[:40]:
        print(cat, "|", text)
