"""News cleaning: one entry, :func:`clean_article`, used by every reader (text, HTML, corpora).

It normalises whitespace and unicode, removes a headline printed twice, cuts publisher footers,
"Related Posts" blocks and share/subscribe/advertisement lines, and finds the leading dateline. The
patterns are general (short non-sentence lines, known boilerplate phrases), not tuned to one site.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .datelines import FoundDateline, find_dateline

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”»)\]]*$|[\"”’»]$")

# A line that starts one of these blocks ends the story: the rest is navigation.
_CUT_BLOCK = re.compile(
    r"^(?:related(?:\s+(?:posts?|articles?|stories|news|content|coverage|links|topics|reading))?"
    r"|(?:read|see)\s+(?:more|also|next)(?:\s+(?:news|stories|articles?|from|on|about)\b.*)?"
    r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in|have\s+missed)"
    r"|(?:more|most)\s+(?:from|in|on|popular|read|viewed|shared)\b.*"
    r"|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|trending(?:\s+now)?|popular\s+(?:posts|stories)"
    r"|also\s+read|further\s+reading|leave\s+a\s+(?:reply|comment)|(?:\d+\s+)?comments?|share\s+this(?:\s+\w+)?"
    r"|tags?|filed\s+under|latest\s+(?:news|posts|stories)|previous\s+(?:post|article)|next\s+(?:post|article))"
    r"\s*[:.]?$",
    re.IGNORECASE,
)
# Lines dropped wherever they are: share/follow/subscribe prompts, advertising, copyright, "click here".
_DROP_LINE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ad|story\s+continues(?:\s+below)?(?:\s+advertisement)?"
    r"|continue\s+reading(?:\s+(?:the\s+)?(?:main\s+)?story)?|scroll\s+(?:down\s+)?to\s+continue.*"
    r"|(?:share|tweet|email|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram)"
    r"(?:\s*(?:[|/,•·]|\s)\s*(?:share|tweet|email|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram"
    r"|on|this|article|story|via))*"
    r"|(?:share|tweet|email|print)\s+(?:this|on|via|with)\b.{0,100}"
    r"|(?:follow|like|join)\s+us\b.*|(?:sign\s+up|subscribe|register)\b.{0,120}"
    r"|.{0,80}\bclick\s+here\b.{0,80}|(?:©|\(c\)|copyright\b).{0,160}|.{0,100}\ball\s+rights\s+reserved\b.{0,60}"
    r"|(?:get|receive)\s+(?:our|the)\s+.{0,40}newsletter.{0,80}|.{0,60}\bnewsletter\b.{0,40}(?:sign\s+up|subscribe).{0,40}"
    r"|(?:download|get)\s+(?:our|the)\s+app\b.{0,80}|image\s+(?:source|caption|copyright)\b.{0,120}"
    r"|(?:photo|picture)\s*(?:credit)?\s*:.{0,120}|(?:file\s+)?(?:photo|image)\s*:?\s*(?:reuters|ap|afp|getty).{0,60})"
    r"$",
    re.IGNORECASE,
)
_NEWS_NETWORK = re.compile(
    r"\b(?:news\s+(?:network|agency|service|desk|bureau)|times|post|herald|tribune|gazette|news|daily|press|media)$",
    re.IGNORECASE,
)
# A first paragraph of at most this many words and one sentence is a headline when the body follows it.
_HEADLINE_WORDS = 30
# Hard-wrapped text: at least this many wrapped lines, each ending within this many characters of the width.
_WRAP_MIN_LINES = 3
_WRAP_SLACK = 15
# Trailing short lines are dropped when they are not sentences (publisher names, section labels) ...
_TRAILING_MAX_WORDS = 8
# ... but a trailing line that reads as a byline/credit of the story stays ("Reporting by ...; Editing by ...").
_CREDIT = re.compile(r"^(?:\(?(?:reporting|writing|editing|additional\s+reporting|compiled)\s+by\b)", re.IGNORECASE)


@dataclass(slots=True)
class Cleaned:
    """The cleaned body, the headline found (if any) and the leading dateline, with offsets into ``text``."""

    text: str
    title: str | None
    paragraphs: list[tuple[int, int]]
    dateline: FoundDateline | None
    removed: list[str] = field(default_factory=list)
    publisher: str | None = None  # a publisher line cut from the end ("The Oslo Times International News Network")


def clean_article(raw: str, *, title: str | None = None, published: str | None = None) -> Cleaned:
    """Clean one article body; ``title`` (from metadata) is removed when the body repeats it.

    ``published`` (ISO) gives the dateline date its year. Paragraphs in the result are separated by one
    blank line.
    """
    removed: list[str] = []
    paragraphs = _paragraphs(_normalise(raw))
    title = _normalise_line(title) if title else None
    title, paragraphs = _strip_headline(paragraphs, title, removed)
    paragraphs = _strip_boilerplate(paragraphs, removed)
    text = "\n\n".join(paragraphs)
    spans, offset = [], 0
    for para in paragraphs:
        spans.append((offset, offset + len(para)))
        offset += len(para) + 2
    dateline = find_dateline(text, published) if text else None
    if dateline is None and len(spans) > 1 and _is_headline(paragraphs[0]):
        # a wire story under its headline: the dateline opens the body ("Ad hits Trump\n\nMIAMI — The rising ...")
        found = find_dateline(text[spans[1][0] :], published)
        dateline = found.shifted(spans[1][0]) if found is not None else None
    publisher = next((line for line in removed if _is_publisher(line)), None)
    return Cleaned(
        text=text, title=title or None, paragraphs=spans, dateline=dateline, removed=removed, publisher=publisher
    )


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _INVISIBLE.sub("", text)


def _normalise_line(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", line))).strip()


def _paragraphs(text: str) -> list[str]:
    """Split into paragraphs: blank lines separate them; a hard-wrapped line continues the one before."""
    paragraphs: list[str] = []
    current: list[str] = []
    lines = [_SPACES.sub(" ", raw_line).strip() for raw_line in text.split("\n")]
    width = _wrap_width(lines)
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and _continues(current[-1], line, width):
            current.append(line)
        else:
            if current:
                paragraphs.append(" ".join(current))
            current = [line]
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _continues(previous: str, line: str, width: int = 0) -> bool:
    """A line continues the previous one when that one breaks mid-sentence (hard-wrapped text): before a lower-case
    word or after a comma or hyphen; in text wrapped at ``width``, also before a capital when the previous line
    fills the width ("... in the town of San" / "Jose on Monday"): a wrapped line ends where the width ends it."""
    if len(previous) < 40 or _SENTENCE_END.search(previous):
        return False
    if line[0].islower() or previous.endswith((",", "-")):
        return True
    return width > 0 and len(previous) >= width - _WRAP_SLACK


def _wrap_width(lines: list[str]) -> int:
    """The width the text is hard-wrapped at, or 0: most lines of its multi-line blocks end within a few characters
    of one width (between 40 and 100), as a mail client or a wire feed leaves them."""
    inner = [len(line) for k, line in enumerate(lines[:-1]) if line and lines[k + 1]]  # lines followed by a line
    if len(inner) < _WRAP_MIN_LINES:
        return 0
    width = sorted(inner)[int(0.9 * (len(inner) - 1))]
    near = sum(1 for n in inner if width - _WRAP_SLACK <= n <= width)
    return width if 40 <= width <= 100 and near >= 0.6 * len(inner) else 0


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.casefold()).strip()


def _strip_headline(paragraphs: list[str], title: str | None, removed: list[str]) -> tuple[str | None, list[str]]:
    """Drop the headline from the top of the body (once or doubled) and return it as the title."""
    if not paragraphs:
        return title, paragraphs
    first = paragraphs[0]
    if title is None and len(paragraphs) > 1 and _key(first) == _key(paragraphs[1]) and len(first) <= 300:
        title = first
    if title is None and len(paragraphs) > 2 and _looks_like_headline(first):
        title = first
    if title is None:
        return None, paragraphs
    key = _key(title)
    start = 0
    while start < len(paragraphs) and start < 3 and _key(paragraphs[start]) == key:
        removed.append(paragraphs[start])
        start += 1
    return title, paragraphs[start:]


def _is_headline(paragraph: str) -> bool:
    """A first paragraph that is a headline: short, one line, at most one sentence ("Ad hits Trump on violence.")."""
    words = paragraph.split()
    return 2 <= len(words) <= _HEADLINE_WORDS and len(re.findall(r"[.!?](?:\s|$)", paragraph)) <= 1


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= 200
        and not _SENTENCE_END.search(line)
        and find_dateline(line + " ") is None
        and not _DROP_LINE.match(line)
        and not _CUT_BLOCK.match(line)
    )


def _strip_boilerplate(paragraphs: list[str], removed: list[str]) -> list[str]:
    kept: list[str] = []
    for index, para in enumerate(paragraphs):
        # A navigation block ("Related Posts") after the story has started ends it.
        if index > 0 and len(para) <= 60 and _CUT_BLOCK.match(para):
            if _story_goes_on(paragraphs[index + 1 :]):
                removed.append(para)  # an inline widget heading: the story continues below it
                continue
            removed.extend(paragraphs[index:])
            break
        if len(para) <= 300 and _DROP_LINE.match(para):
            removed.append(para)
            continue
        kept.append(para)
    # Trailing short lines that are not sentences: publisher names, section labels, stray links.
    while len(kept) > 1 and _trailing_junk(kept[-1]):
        removed.append(kept.pop())
    return kept


def _story_goes_on(rest: list[str]) -> bool:
    """True when prose follows a navigation heading: at least two long sentences making up most of the rest."""
    prose = [p for p in rest if len(p.split()) >= 15 and _SENTENCE_END.search(p)]
    total = sum(len(p) for p in rest)
    return len(prose) >= 2 and sum(len(p) for p in prose) > 0.6 * total


def _is_publisher(line: str) -> bool:
    """A short, capitalised, sentence-less line naming a news outlet."""
    words = line.split()
    return (
        2 <= len(words) <= _TRAILING_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and all(w[:1].isupper() for w in words if len(w) > 3)
        and bool(_NEWS_NETWORK.search(line))
    )


def _trailing_junk(para: str) -> bool:
    if _CREDIT.match(para):
        return False
    words = para.split()
    if len(words) > _TRAILING_MAX_WORDS or _SENTENCE_END.search(para):
        return False
    return bool(_NEWS_NETWORK.search(para)) or (len(words) <= 4 and para[:1].isupper())
