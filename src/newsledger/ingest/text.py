"""Plain-text scrapes: clean the text, then set apart headline, captions and site furniture.

A scrape saved as text keeps what the page showed around the article: a site header with the
date, photo captions with their credits, "Read More:" links, share buttons, bylines, copyright
lines. :func:`clean_paragraphs` normalises whitespace and splits the text into paragraphs;
:func:`classify` gives every paragraph a section kind (``headline``, ``body``, ``caption``,
``boilerplate``); :func:`assemble` joins the paragraphs with blank lines and builds sections that
tile the text. The rules are line-level patterns for furniture that news sites share, not rules for
one site.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..document import Section
from .dates import find_date

# -- cleaning ----------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[^\S\n]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*$""")


def clean_paragraphs(raw: str) -> list[str]:
    """Paragraphs of ``raw``: whitespace normalised, invisible characters dropped.

    Blocks are separated by blank lines. Inside a block, hard-wrapped lines (a text wrapped at a
    fixed width) are joined; otherwise every line is its own paragraph, as in most scrapes.
    """
    text = unicodedata.normalize("NFC", raw)
    text = _LINE_BREAKS.sub("\n", text).translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
            continue
        if block:
            paragraphs.extend([" ".join(block)] if _hard_wrapped(block) else block)
            block = []
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    """True when the lines of a block look like one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    heads = lines[:-1]
    longest = max(len(x) for x in heads)
    if not 40 <= longest <= 100 or min(len(x) for x in heads) < 0.6 * longest:
        return False
    open_ends = sum(
        1
        for x, nxt in zip(heads, lines[1:], strict=False)
        if not _TERMINAL.search(x) or nxt[:1].islower()
    )
    return open_ends * 2 >= len(heads)


# -- furniture patterns ----------------------------------------------------------------

_I = re.IGNORECASE
#: Whole-paragraph patterns for site furniture; (pattern, longest paragraph in words).
_FURNITURE: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"(?:read|see)\s+(?:more|also|next)\b.*", _I), 30),
    (re.compile(r"(?:also|further)\s+read\b.*|read\s+(?:the\s+)?(?:full|original)\b.*", _I), 30),
    (
        re.compile(
            r"related(?:\s+(?:articles?|stories|story|news|coverage|content|links?|posts?|reading))?\s*(?:[:|\-–—].*)?",
            _I,
        ),
        30,
    ),
    (re.compile(r"more\s+(?:on\s+this|stories|from|news|on)\b.*", _I), 15),
    (
        re.compile(
            r"(?:recommended|suggested)(?:\s+(?:for\s+you|stories|articles|reading))?\s*(?::.*)?",
            _I,
        ),
        20,
    ),
    (
        re.compile(
            r"you\s+(?:may|might|could)\s+(?:also\s+)?(?:like|be\s+interested|enjoy)\b.*", _I
        ),
        25,
    ),
    (
        re.compile(
            r"(?:most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|top\s+stories|editor'?s?\s+picks?|latest\s+(?:news|stories))\s*(?::.*)?",
            _I,
        ),
        20,
    ),
    (
        re.compile(
            r"advertisements?|advertisment|ads?|sponsored(?:\s+content)?|promoted(?:\s+content)?|paid\s+content",
            _I,
        ),
        3,
    ),
    (
        re.compile(
            r"(?:story|article)\s+continues\s+below.*|continue\s+reading.*|scroll\s+(?:down\s+)?to\s+continue.*",
            _I,
        ),
        12,
    ),
    (re.compile(r"(?:subscribe|sign\s+up|register)\b.*", _I), 30),
    (
        re.compile(
            r".*\b(?:sign|subscribe|get|receive|inbox|daily|weekly|free|our)\b.*\bnewsletters?\b.*"
            r"|.*\bnewsletters?\b.*\b(?:sign\s+up|subscribe|inbox)\b.*",
            _I,
        ),
        15,
    ),
    (
        re.compile(
            r"(?:follow|like|join|find)\s+(?:\S+\s+){1,3}on\s+(?:facebook|twitter|x|instagram"
            r"|telegram|whatsapp|youtube|tiktok|linkedin|threads|bluesky|social\s+media|google\s+news)\b.*"
            r"|follow\s+us\b.*",
            _I,
        ),
        25,
    ),
    (
        re.compile(
            r"share(?:\s+(?:this|on|via|with|the|article|story|post|page|link|facebook|twitter|whatsapp|email|x|linkedin|your|friends)\b)*\s*:?",
            _I,
        ),
        8,
    ),
    (
        re.compile(
            r"\(?(?:©|\(c\)\s).*|\(?copyright\b.{0,80}?\b(?:19|20)\d\d\b.*|.*\ball\s+rights\s+reserved\b.*",
            _I,
        ),
        40,
    ),
    (re.compile(r"\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b.*", _I), 40),
    (
        re.compile(
            r"(?:written|posted|reported|compiled|edited)\s+by\b.*|(?:author|byline|words)\s*:.*",
            _I,
        ),
        15,
    ),
    (
        re.compile(
            r"(?:first\s+)?(?:published|posted|updated|last\s+(?:updated|modified)|modified)\s*(?:on\b|at\b|:|\d).*",
            _I,
        ),
        15,
    ),
    (
        re.compile(
            r"(?:tags?|topics?|filed\s+under|categor(?:y|ies)|keywords|sections?)\s*:.*", _I
        ),
        40,
    ),
    (
        re.compile(
            r"click\s+here\b.*|tap\s+here\b.*|download\s+(?:our|the)\s+(?:free\s+)?app\b.*", _I
        ),
        25,
    ),
    (
        re.compile(
            r"\d*\s*comments?|leave\s+a\s+(?:comment|reply)\b.*|(?:view|show|load|add)\s+(?:all\s+)?comments?.*",
            _I,
        ),
        8,
    ),
    (
        re.compile(
            r"(?:print|email|e-mail|menu|search|home|log\s*in|sign\s+in|log\s*out|close|back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|toggle\s+navigation)",
            _I,
        ),
        4,
    ),
    (
        re.compile(
            r"(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.*|.*\baccept\s+(?:all\s+)?cookies\b.*",
            _I,
        ),
        60,
    ),
    (
        re.compile(
            r"listen\s+to\s+(?:this|the)\s+(?:article|story)\b.*|\d+\s*min(?:ute)?s?\s+read|reading\s+time\b.*",
            _I,
        ),
        10,
    ),
    (re.compile(r"(?:watch|video|listen|podcast|live|breaking(?:\s+news)?)\s*[:|].*", _I), 20),
    (
        re.compile(
            r"this\s+(?:article|story|piece|report)\s+(?:was|has\s+been|is|first)\b.*\b(?:published|updated|appeared|republished|produced|corrected)\b.*",
            _I,
        ),
        40,
    ),
    (re.compile(r"(?:the\s+)?(?:views|opinions)\s+expressed\b.*|disclaimer\s*:.*", _I), 60),
    (re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|@\w+", _I), 3),
]

_SHARE_WORDS = frozenset(
    [
        "share",
        "shares",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "linkedin",
        "reddit",
        "pinterest",
        "email",
        "e-mail",
        "mail",
        "print",
        "copy",
        "link",
        "url",
        "messenger",
        "sms",
        "save",
        "comment",
        "comments",
        "flipboard",
        "tumblr",
        "vk",
        "instagram",
        "youtube",
        "tiktok",
        "rss",
        "on",
        "this",
        "article",
        "story",
        "the",
    ]
)
_NAV_SEP = re.compile(r"\s+(?:\||•|·|›|»|>|/)\s+")
_BYLINE = re.compile(
    r"[Bb][Yy]:?\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:(?:,|and|&)\s*(?:[A-Z][\w.'’-]*\s*){1,4})*"
    r"(?:\s*[,|–—-]\s*(?:[A-Z][\w.'’&-]*\s*){1,5})?"
)

# -- captions ---------------------------------------------------------------------------

_CREDIT_WORD = r"(?:photo(?:graph)?s?|images?|pictures?|pics?|credits?|file\s+photo|photo\s+credit|illustration|graphic)"
#: A credit at the end of a paragraph: "(Photo by X / AFP)", "Photo: AFP / Name", "Image: Facebook."
_CREDIT_TAIL = re.compile(
    rf"(?P<open>[(\[])?\s*(?P<word>\b{_CREDIT_WORD})\s*(?P<sep>by\b|:|\||/|©|courtesy(?:\s+of)?\b)"
    r"\s*(?P<who>[^.()\[\]]{1,80}?)\s*[)\]]?\.?\s*$",
    _I,
)
_CREDIT_HEAD = re.compile(
    r"(?:photo|image|picture|caption)s?\s*:\s*\S|(?:open\s+this\s+photo\s+in\s+gallery|enlarge\s+this\s+image"
    r"|view\s+(?:image|photo)\s+in\s+full\s*screen|(?:image|photo)\s+caption|toggle\s+caption|hide\s+caption"
    r"|(?:photo|image)\s+\d+\s+of\s+\d+)\b",
    _I,
)
_AGENCY = (
    r"(?i:AP\s+Photo|AFP|Reuters|EPA(?:-EFE)?|Getty\s+Images|Anadolu(?:\s+Agency)?|Xinhua|Shutterstock"
    r"|Handout|AP|dpa|Bloomberg|Sipa(?:\s+USA)?|Alamy|Wikimedia\s+Commons|(?:The\s+)?Associated\s+Press"
    r"|(?:The\s+)?Canadian\s+Press|PA(?:\s+Images|\s+Wire)?|AAP(?:\s+Image)?|EFE|ANSA|NurPhoto|ZUMA(?:\s+Press)?"
    r"|SOPA\s+Images|LightRocket|Pool|TASS|Sputnik|ANI|PTI|IRNA|WANA|Press\s+Association|File(?:\s+Photo)?)"
)
#: An agency credit: "AFP/Getty Images", "(AP Photo/Name)", "Name/Reuters", "Reuters via Getty".
_AGENCY_TAIL = re.compile(
    rf"(?:[(\[]\s*{_AGENCY}\s*(?:/|via)\s*[^()\[\]]{{1,60}}[)\]]"
    rf"|\b{_AGENCY}\s*(?:/|via)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,4}}"
    rf"|/\s*{_AGENCY}"
    rf"|\b(?:AFP|Reuters|AP|EPA)\s+via\s+Getty\s+Images)\.?\s*$",
)
_CREDIT_HINT = re.compile(r"photo|image|picture|pic|credit|illustration|graphic")
_FILE_PHOTO = re.compile(
    r"\b(?:in\s+an?\s+)?(?:file|handout)\s+(?:photo|picture|image)\b\.?\s*$", _I
)


def is_caption(paragraph: str) -> bool:
    """A photo caption: a paragraph that ends with a photo credit ("Photo: AFP / Name")."""
    if len(paragraph.split()) > 90:
        return False
    if _CREDIT_HEAD.match(paragraph) and len(paragraph.split()) <= 60:
        return True
    tail = paragraph[-160:]
    low = tail.lower()
    hints = [h.start() for h in _CREDIT_HINT.finditer(low)]
    m = None
    for start in reversed(hints[-3:]):  # the credit is near the end: try the last mentions
        m = next(
            (x for x in (_CREDIT_TAIL.match(tail, max(0, start - d)) for d in (1, 2, 0)) if x), None
        )
        if m:
            break
    if m:
        who = m.group("who")
        if (
            (m.group("open") or m.group("word")[0].isupper())
            and (who[:1].isupper() or who[:1].isdigit() or who[:1] in "@©")
            and len(who.split()) <= 8
        ):
            return True
    cut = max(tail.rfind("/"), low.rfind(" via "))
    if cut >= 0 and _AGENCY_TAIL.search(tail, max(0, cut - 40)):
        return True
    return ("photo" in low or "picture" in low or "image" in low) and bool(_FILE_PHOTO.search(tail))


def is_furniture(paragraph: str) -> bool:
    """Site furniture: navigation, share buttons, ads, sign-ups, bylines, copyright lines."""
    words = paragraph.split()
    n = len(words)
    for pattern, longest in _FURNITURE:
        if n <= longest and pattern.fullmatch(paragraph):
            return True
    if (
        n <= 12
        and not paragraph.endswith(".")
        and (_BYLINE.fullmatch(paragraph) or _BARE_BYLINE.fullmatch(paragraph))
    ):
        return True
    lowered = [w.strip(".,:;|()[]!").lower() for w in words]
    if (
        n <= 12
        and all(w in _SHARE_WORDS or not w for w in lowered)
        and any(
            w in ("share", "tweet", "facebook", "twitter", "whatsapp", "email", "print")
            for w in lowered
        )
    ):
        return True
    if paragraph.startswith("|"):
        return False  # a table row, as trafilatura writes tables: content, not navigation
    parts = _NAV_SEP.split(paragraph)
    return (
        len(parts) >= 3
        and all(len(p.split()) <= 4 for p in parts)
        and not _TERMINAL.search(paragraph)
    )


def dated_header(paragraph: str, *, first: bool = False) -> str | None:
    """The date of a short site header or date line ("Site Saturday, June 03, 2023"), else None.

    A short sentence that happens to hold a date ("Talks resumed on June 3, 2023.") is not one.
    The first line of a scrape may be longer (a masthead with a tagline and the date).
    """
    words = len(paragraph.split())
    if words > (25 if first else 14):
        return None
    found = find_date(paragraph)
    if found is None:
        return None
    outside = paragraph[: found[1]] + " " + paragraph[found[2] :]
    rest = len(outside.split())
    sentence = paragraph.endswith((".", "!", "?"))
    if first and not sentence and rest <= 20 and ". " not in outside:
        return found[0]
    if rest > 8 or (sentence and rest > 3):
        return None
    return found[0]


_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}(?:\([^)]{1,30}\))?\s*(?:--|—|–|-|:)\s")
#: A byline without "By": "Name Surname, The Associated Press", "A. Name and B. Name | Reuters".
_BARE_BYLINE = re.compile(
    r"(?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w.'’-]+(?:\s*(?:,|and|&)\s*(?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w.'’-]+)*"
    r"\s*[,|–—-]\s*(?:The\s+)?(?:[A-Z][\w.'’&-]*\s+){0,4}"
    r"(?:Press|News|Reuters|AFP|Agency|Times|Post|Journal|Staff|Correspondent|Reporter|Writer|Editor"
    r"|Bureau|Wire|Service|Herald|Tribune|Guardian|Telegraph|Network|Media|CNN|BBC|CBC|CTV|Desk)"
    r"(?:\s+[A-Z][\w.'’&-]*){0,2}"
)


def title_like(paragraph: str, max_words: int = 25) -> bool:
    """Short, no sentence-final full stop, starts with a capital, digit or quote."""
    n = len(paragraph.split())
    if not 1 <= n <= max_words or len(paragraph) > 300:
        return False
    core = paragraph.rstrip(" \"'”’»)]}([")
    if core.endswith(".") and not core.endswith(("..", "…")):
        return False
    if _DATELINE.match(paragraph):
        return False  # "KABUL (Reuters) - ..." opens a story
    first = paragraph[0]
    return first.isupper() or first.isdigit() or first in "\"'‘“«"


_LIST_HEADING = re.compile(
    r"(?:related|more|recommended|most|trending|you\s+(?:may|might)|top\s+stories|latest|read\s+more"
    r"|also\s+read|see\s+also|editor)[^:]{0,40}:?",
    _I,
)


# -- classification ---------------------------------------------------------------------


@dataclass
class Classified:
    """The section kind of each paragraph, and what the furniture told about the page."""

    kinds: list[str]
    published: str | None = None
    title: str | None = None


def classify(
    paragraphs: list[str], title: str | None = None, *, find_headline: bool = True
) -> Classified:
    """Give every paragraph a section kind; read the title and a dated header on the way.

    ``title``, when the caller knows it, marks the paragraph that repeats it as the headline.
    ``find_headline=False`` leaves headlines alone (the caller has the title from elsewhere).
    """
    n = len(paragraphs)
    kinds = ["body"] * n
    published: str | None = None
    in_link_list = False
    for i, p in enumerate(paragraphs):
        edge = i < 4 or i >= n - 3
        date = dated_header(p, first=i == 0 and n > 1) if edge else None
        if date is not None:
            kinds[i] = "boilerplate"
            if published is None and (i < 4 or not re.match(r"(?:updated|modified)", p, _I)):
                published = date
            continue
        if is_caption(p):
            kinds[i] = "caption"
            in_link_list = False
            continue
        if is_furniture(p):
            kinds[i] = "boilerplate"
            in_link_list = bool(_LIST_HEADING.fullmatch(p))
            continue
        if in_link_list and title_like(p, 20):
            kinds[i] = "boilerplate"  # the headlines listed under "Related:" or "Most read"
            continue
        in_link_list = False

    found_title = _mark_headline(paragraphs, kinds, title) if find_headline else None
    return Classified(kinds, published, found_title)


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _mark_headline(paragraphs: list[str], kinds: list[str], title: str | None) -> str | None:
    """Mark the headline (and a standfirst right after it); return the headline text."""
    candidates = [i for i, k in enumerate(kinds[:8]) if k == "body"]
    if not candidates:
        return None
    first = candidates[0]
    has_body_after = any(k == "body" for k in kinds[first + 1 :])
    if title:
        if _norm(paragraphs[first]) == _norm(title) or (
            _norm(paragraphs[first]).startswith(_norm(title)) and title_like(paragraphs[first])
        ):
            kinds[first] = "headline"
            _mark_standfirst(paragraphs, kinds, first)
        return None
    if (
        not has_body_after
        or not title_like(paragraphs[first])
        or len(paragraphs[first].split()) < 3
    ):
        return None
    kinds[first] = "headline"
    _mark_standfirst(paragraphs, kinds, first)
    return paragraphs[first]


def _mark_standfirst(paragraphs: list[str], kinds: list[str], head: int) -> None:
    j = head + 1
    while j < len(kinds) and kinds[j] == "boilerplate":
        j += 1
    if j >= len(kinds) or kinds[j] != "body":
        return
    if not any(k == "body" for k in kinds[j + 1 :]):
        return
    if title_like(paragraphs[j], 45):
        kinds[j] = "headline"


# -- assembly ---------------------------------------------------------------------------


def assemble(paragraphs: list[str], kinds: list[str]) -> tuple[str, list[Section]]:
    """The text (paragraphs separated by blank lines) and sections that tile it exactly."""
    text = "\n\n".join(paragraphs)
    sections: list[Section] = []
    pos = 0
    for i, (p, kind) in enumerate(zip(paragraphs, kinds, strict=True)):
        end = len(text) if i == len(paragraphs) - 1 else pos + len(p) + 2
        if sections and sections[-1].kind == kind:
            sections[-1].end = end
        else:
            sections.append(Section(kind, pos, end))
        pos = end
    return text, sections
