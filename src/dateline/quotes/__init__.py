"""Quotes stage: direct and indirect quotations with speaker, cue, medium, cited sources and time.

Direct quotes are found by a scan of quotation marks per paragraph (straight, curly, guillemets,
curly single quotes), tolerant of quotes that run over paragraphs or lose their closing mark. Cues
come from the dependency parse: a speech verb from one lexicon (:data:`SPEECH_VERBS`) with its
subject as speaker and its clausal complement as the reported content, plus "according to X". A
direct quote takes the cue in its own sentence, else the cue of the adjacent sentence; a cue whose
content lies outside direct quotes gives an indirect quote (mixed when it contains a quoted fragment).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..lexicon import CUE_VERBS, word_set
from ..model import MediumRef, Quote, Span, SpeakerRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..document import Document
    from ..resources import Resources

LOGGER = logging.getLogger(__name__)

REQUIRES = ("article", "spacy_doc", "actors", "times")
ASSIGNS = ("quotes",)

# Verbs that attribute a belief, a finding or an expectation ("the poll shows that …", "he believes …"): cues
# only with a clausal complement, which is then the holder's claim, not the article's.
_ATTITUDE_VERBS = word_set(
    "believe think know find show fear hope expect worry doubt assume feel realise realize recognise recognize "
    "understand learn hear reckon suspect guess figure point conclude"
)
# Speech acts whose content is their object and its complement, not a clause: "called on the mayor to stop …",
# "accused the council of ignoring …", "criticized the plan as a costly mistake", "urged both sides to let food in".
_OBJECT_CUES = word_set("call accuse criticise criticize urge ask cite blame")
# Lemmas of verbs that report speech, writing or a held belief: the one lexicon of cues.
SPEECH_VERBS = CUE_VERBS | _ATTITUDE_VERBS | _OBJECT_CUES
# Attitudes that are not speech (PolNeAR counts them as attributions): the holder's belief, intention, evaluation
# or perception. Their content is a clause, an infinitive, or simply the object ("Osei supports a dam"), so
# they are cues only with a subject and such a content; each family tells the stance stage what it does to the
# events it contains (see ``Quote.cue_class``).
_BELIEF_VERBS = _ATTITUDE_VERBS - word_set("find show point learn hear") | word_set(
    "consider regard deem view suppose presume imagine wonder"
)
_INTENTION_VERBS = word_set(
    "want wish plan intend seek hope prefer desire decide refuse decline propose campaign press push favor favour"
)
_EVALUATION_VERBS = word_set(
    "support endorse back oppose praise criticise criticize condemn denounce defend attack blast slam mock ridicule "
    "question reject dismiss welcome applaud decry deride describe portray characterize characterise label dub "
    "thank congratulate tout embrace hail chide assail lambast lambaste rebuke scold fault "
    "commend laud credit liken compare disparage belittle castigate excoriate denigrate vilify "
    "dislike hate love admire distrust resent oppose disavow repudiate"
)
_PERCEPTION_VERBS = word_set("see notice witness")
# Speech verbs whose content may be their object ("mentioned the wall", "discussed the deal").
_OBJECT_SPEECH = word_set("mention discuss echo reference")
_CUE_CLASS: dict[str, str] = {
    **{w: "perception" for w in _PERCEPTION_VERBS},
    **{w: "belief" for w in _BELIEF_VERBS},
    **{w: "evaluation" for w in _EVALUATION_VERBS},
    **{w: "intention" for w in _INTENTION_VERBS},
}
# Verbs whose content may be their object or infinitive rather than a clause.
_ATTITUDE_CUES = _BELIEF_VERBS | _INTENTION_VERBS | _EVALUATION_VERBS | _PERCEPTION_VERBS | _OBJECT_SPEECH
# Belief verbs take an object only with its predicate ("sees the deal as a betrayal", "considers him unfit").
_PREDICATE_ONLY = (_BELIEF_VERBS | _PERCEPTION_VERBS) - _INTENTION_VERBS - _EVALUATION_VERBS
# Holders of an attitude that are not named people or groups: pronouns, quantities of people ("most", "half").
_HOLDER_WORDS = word_set(
    "i we you he she they who whom everyone everybody someone somebody anyone many most some few several both all "
    "half third thirds quarter quarters majority minority percent voters people public electorate party "
    "administration government campaign committee leadership leaders officials critics supporters opponents "
    "members americans republicans democrats conservatives liberals progressives independents group team "
    "organization organisation respondent respondents those"
)
# Cues that are a verb and its preposition, the content being the preposition's object ("voted for the bill",
# "referring to the attacks", "talked about the economy"): the preposition is part of the cue.
_PREP_CUES: dict[str, frozenset[str]] = {
    "campaign": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
    "press": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "refer": frozenset({"to"}),
    "point": frozenset({"to"}),
    "allude": frozenset({"to"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of", "against"}),
    "write": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "brag": frozenset({"about"}),
    "boast": frozenset({"about"}),
    "complain": frozenset({"about"}),
    "worry": frozenset({"about"}),
    "care": frozenset({"about"}),
    "rail": frozenset({"against"}),
    "warn": frozenset({"of", "against", "about"}),
    "hope": frozenset({"for"}),
    "call": frozenset({"for"}),
    "comment": frozenset({"on"}),
    "focus": frozenset({"on"}),
    "insist": frozenset({"on"}),
    "object": frozenset({"to"}),
    "apologize": frozenset({"for"}),
    "apologise": frozenset({"for"}),
}
# Verbs that report speech only next to a direct quote, and only intransitive: "“…,” he continued.",
# "she went on: “…”", "“…,” the mayor quipped."
_DIRECT_ONLY = word_set("continue go offer quip joke laugh muse joke interject chime scoff sigh exclaim cry snap")
_VERB_CUES_PLAIN = SPEECH_VERBS | _ATTITUDE_CUES | frozenset(_PREP_CUES)
# Every lemma that can head a verb cue.
# "Each runner seemed to be saving her strength": how things seem, to nobody named (PolNeAR's sourceless attribution).
_SEEM_VERBS = word_set("seem appear")
_VERB_CUES = _VERB_CUES_PLAIN | _DIRECT_ONLY | _SEEM_VERBS
# Verbs whose object is the addressee, a candidate medium ("told Reuters").
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "assure", "advise", "warn"})
# Verbs that mostly report non-speech unless they have a clausal complement or a quote.
_NEEDS_CONTENT = (
    _ATTITUDE_VERBS | (_OBJECT_CUES - CUE_VERBS) | word_set("report post write speak signal indicate agree estimate")
)
# Verbs that also have a non-speech sense ("it declared a Caliphate and its fighters began …"): a
# complement counts only when introduced by "that".
_NEEDS_THAT = frozenset({"declare", "charge", "counter", "observe", "signal", "indicate", "proclaim"})
_MEDIA_WORDS = re.compile(
    r"(?i)\b(?:Reuters|AFP|AP|Associated Press|Agence France|BBC|CNN|Al[- ]Jazeera|Al Arabiya|Telegraph|Guardian|"
    r"Times|Post|Journal|Herald|Tribune|Gazette|Independent|Observer|Economist|Xinhua|TASS|RIA|Interfax|"
    r"Anadolu|IRNA|SANA|Sputnik|RT|Bloomberg|NPR|Fox|NBC|ABC|CBS|Sky News|France 24|Deutsche Welle|DW|"
    r"Le Monde|Spiegel|News|Agency|newspaper|paper|magazine|television|TV|radio|broadcaster|channel|network|"
    r"outlet|daily|weekly|wire)\b"
)
_MEDIUM_PHRASES = re.compile(
    r"(?i)\b(?:in an? (?:\w+ )?interview with (?P<interview>(?:the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)*)"
    r"|on (?P<channel>Twitter|X|Facebook|Telegram|Instagram|YouTube|TikTok|(?:state|national|local|public) "
    r"(?:television|TV|radio|media)|(?:television|TV|radio)(?! (?:station|stations)))"
    r"|in an? (?P<statement>(?:written |joint |televised |short |brief )?(?:statement|press release|news "
    r"conference|press conference|speech|address|tweet|post|blog post|letter|communiqu[ée]))"
    r"|at an? (?P<conference>(?:news|press) conference|briefing|rally|summit))\b"
)
_CLAUSE_PUNCT = " \t\n.,;:!?–—-"
_STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "declaration", "release"})
# Speech acts a speaker can add after a report ("said … and urged …"): the cue lexicon plus acts of appeal/judgement.
_OWN_ACTS = SPEECH_VERBS | frozenset(
    {"call", "appeal", "condemn", "welcome", "praise", "criticise", "criticize", "reject", "denounce", "thank"}
)
_RELATIVE = frozenset({"which", "who", "that"})
# Singular nouns naming a person by role: "he"/"she" can refer back to such a speaker.
_PERSON_NOUNS = word_set(
    "official president chief secretary minister resident witness head envoy diplomat aide adviser advisor "
    "candidate nominee deputy delegate judge doctor activist expert general colonel captain major sergeant "
    "mayor governor senator professor"
)
_PERSON_SUFFIXES = ("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ee")
_NOT_PERSON_NOUNS = word_set(
    "center centre order power paper newspaper letter number quarter border headquarter chamber corridor sector "
    "monitor council committee ministry"
)
_MEDIA_NOUNS = word_set("television tv radio newspaper broadcaster channel agency daily media outlet")
# Nouns of saying or claiming whose "that" clause is the holder's claim ("the mayor's claim that …").
_CLAIM_NOUNS = frozenset(
    {
        "claim",
        "assertion",
        "allegation",
        "accusation",
        "argument",
        "contention",
        "insistence",
        "suggestion",
        "warning",
        "prediction",
        "admission",
        "announcement",
        "denial",
        "assurance",
        "promise",
        "pledge",
        "vow",
        "belief",
        "view",
    }
)
# Adjectives of a held attitude after "be" ("are worried that …", "is keen to stand", "has been critical of the mayor"):
# the copula, the adjective and its preposition are the cue, the subject holds the attitude.
_BELIEF_ADJECTIVES = word_set(
    "sure certain confident convinced aware unaware unsure uncertain doubtful skeptical sceptical optimistic "
    "pessimistic hopeful adamant cynical bullish bearish clear"
)
_INTENTION_ADJECTIVES = word_set(
    "eager willing unwilling ready determined keen reluctant prepared loath loth intent hesitant quick slow "
    "desperate careful"
)
_EVALUATION_ADJECTIVES = word_set(
    "afraid worried concerned fearful nervous anxious happy glad pleased proud upset angry disappointed frustrated "
    "furious outraged critical supportive wary suspicious opposed open receptive enthusiastic passionate unhappy "
    "sorry grateful thankful excited vocal outspoken tired sick fond appreciative comfortable uncomfortable content "
    "satisfied dissatisfied impressed delighted thrilled alarmed troubled annoyed scared terrified ambivalent "
    "divided loyal hostile sympathetic forthcoming honest upfront candid dismissive resentful interested enamored "
    "lukewarm cool mad embarrassed ashamed confused puzzled disturbed shocked stunned dismayed"
)
_ADJECTIVE_CLASS: dict[str, str] = {
    **{w: "evaluation" for w in _EVALUATION_ADJECTIVES},
    **{w: "belief" for w in _BELIEF_ADJECTIVES},
    **{w: "intention" for w in _INTENTION_ADJECTIVES},
}
# The prepositions that introduce what such an attitude is about ("concerned about", "critical of", "opposed to").
_ADJECTIVE_PREPS = word_set("about of with on over at by to for toward towards against")
# Nouns of a stance after "be" ("is a critic of", "has been an outspoken supporter of"): a stance's cue.
_STANCE_NOUNS = word_set(
    "supporter critic opponent proponent advocate fan champion defender backer foe skeptic sceptic admirer "
    "detractor enemy ally believer"
)
_PROMISE_NOUNS = frozenset({"promise", "pledge", "vow"})
# What a poll, a study or a document shows: "Surveys show a tight race", "Footage shows a guard on the roof".
_EVIDENCE_VERBS = word_set("show find suggest indicate reveal confirm")
_EVIDENCE_NOUNS = word_set(
    "poll survey study analysis data video footage document record research result number figure statistic "
    "tally count memo email filing return transcript photo image polling average"
)
# Verbs a reporting verb completes as one act: "went on to say", "declined to comment", "continued to insist".
_CHAIN_HEADS = word_set("go continue decline refuse keep seem appear")
_PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "they": "group",
    "them": "group",
    "their": "group",
}
# The lower-cased words that can start a non-verb cue (their spaCy string ids are computed on first use).
_CUE_WORDS = ("according", "in", *sorted(_STATEMENT_NOUNS))
# "In a Herald poll, Okafor led …": the poll is the source, "in" the cue.
_POLL_NOUNS = word_set("poll polls survey surveys")
# Lemma id -> whether the lower-cased lemma is a speech verb; filled as lemmas are met.
_SPEECH_LEMMA: dict[int, bool] = {}
_SOURCE_WORDS = re.compile(r"(?i)\bsources?\b")
# "HOST: …", "SEN. JOHN SMITH: …", "Ama Mensah: …" at the start of a paragraph.
_SPEAKER_LABEL = re.compile(r"\s*[\"“]?(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*(?P<colon>:)\s+(?=\S)")
# A headline that quotes or sums up its source: "Mayor Okafor: Rival's Budget Plan … ‘Makes No Sense.’",
# "Poll: Okafor and Mensah neck and neck", "Senator Grills Bank Chief: ‘You Should Step …’".
_HEADLINE_LABEL = re.compile(r"\s*(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’&-]*){0,6})\s*(?P<colon>:)\s+(?=\S)")
_HEADLINE_WORDS = 14
# "” ― Ama Mensah" closing a paragraph: a dash and a name (with an optional description) after a quote.
_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][\w.'’-]*(?: [\w.'’,-]+){0,7}?)[ \t\u00a0]*$", re.MULTILINE
)
_DATELINE_HEAD = re.compile(r"^\s*[A-Z][a-z]{2,8}\.? \d{1,2},? [A-Z][\w .'-]{1,40}:\s+")

_DOUBLED_APOSTROPHE = re.compile(r"''(?=(\w|[\[(]))?")
_OPEN = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
_QUOTE_MARKS = '“”«»„"‘’'
# The only characters the mark scans act on; they jump from one to the next.
_RUNOVER_MARKS = re.compile('[“«„”»"]')
_OPENERS = re.compile('[“«„"‘]')
_CLOSING_MARKS = {
    opener: re.compile("[’]" if opener == "‘" else f"[{re.escape(closer)}\n]") for opener, closer in _OPEN.items()
}
# Paragraphs end at a blank line (ingest joins a hard-wrapped paragraph's lines; a hand-built text may keep them).
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
Kind = Literal["direct", "indirect", "mixed"]


@dataclass(slots=True)
class _Direct:
    start: int  # first quoted character (after the opening mark)
    end: int  # after the last quoted character (before the closing mark)
    open_at: int
    close_at: int | None  # None: the closing mark is missing
    words: int
    used: bool = False


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    sent: int
    speaker: tuple[int, int] | None
    head: Token | None  # the speaker's head token, for actor lookup and pronouns
    content: tuple[int, int] | None
    medium: tuple[int, int, str] | None = None
    sources: list[tuple[int, int]] = field(default_factory=list)
    said_at: tuple[int, int] | None = None
    confidence: float = 0.8
    verb: Token | None = None
    verbatim: bool = False  # a transcript's words ("OKAFOR: Well, first, …"): direct speech without marks
    cls: str = "speech"  # what the cue attributes (Quote.cue_class)


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    kind: Kind
    cue: _Cue | None
    confidence: float


def find(doc: Document, resources: Resources) -> None:
    """Fill ``doc.quotes`` with the article's quotations in text order (ids q1, q2, …)."""
    doc.quotes = _carry_interview(doc, _apply(doc, _find(doc)))


def _find(doc: Document) -> list[_Candidate]:
    """Every quotation of the document, with the cue that introduces it (if any)."""
    text, spacy_doc = doc.text, doc.spacy_doc
    if spacy_doc is None or not text.strip():
        return []
    paragraphs = _paragraphs(doc)
    sents = _sentences(spacy_doc, text, paragraphs)
    marks = _mark_text(text)
    directs = [d for p in _merge_runover(marks, paragraphs) for d in _scan_marks(marks, *p)]
    cues = _cues(doc, spacy_doc, sents, paragraphs, directs)
    cues += _layout_cues(doc, spacy_doc, sents, paragraphs, directs)
    return _attribute(text, sents, directs, _outermost_attitudes(cues))


def _outermost_attitudes(cues: list[_Cue]) -> list[_Cue]:
    """Drop a belief, intention, evaluation or perception inside another cue's content.

    "He said he wants to see Okafor win": the report already attributes its words to him; the want it contains
    stays part of what he said (the stance stage reads its intention from the words themselves).
    """
    contents = [(c.content, c) for c in cues if c.content is not None]
    return [c for c in cues if c.cls == "speech" or not any(s <= c.start < e and o is not c for (s, e), o in contents)]


# --- direct quotes ---------------------------------------------------------------------------


def _mark_text(text: str) -> str:
    """The text the quotation-mark scans read: a doubled apostrophe ('') becomes one straight double quote.

    Some wires and archives (the NYT's ''…'') write double quotes as two apostrophes. The pair becomes a
    placeholder and a straight quote (``\x02"`` before a word, ``"\x02`` after one), keeping every offset.
    """
    if "''" not in text:
        return text
    return _DOUBLED_APOSTROPHE.sub(lambda m: '\x02"' if m.group(1) else '"\x02', text)


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph: the article's own (ingest joins hard-wrapped lines and keeps one
    paragraph per block); for an article built without them, blank lines separate paragraphs."""
    text = doc.text
    if doc.article.paragraphs:
        return [(p.start, p.end) for p in doc.article.paragraphs if p.text.strip()]
    out = []
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
        end = m.start() + len(m.group().rstrip())
        out.append((m.start(), end))
    return out


def _merge_runover(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join paragraphs where a quote stays open and the next paragraph opens with a quotation mark.

    That is the newspaper convention for a quote running over paragraphs: no closing mark at the end
    of the first, an opening mark at the start of the next.
    """
    merged: list[tuple[int, int]] = []
    for start, end in paragraphs:
        if merged and _open_at_end(text, *merged[-1]) and text[start] in '“«"‘' and _starts_quote_run(text, start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _starts_quote_run(text: str, start: int) -> bool:
    return text[start] != "‘" or not text[start + 1 : start + 2].isspace()


def _open_at_end(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in text[start:end] is still open at its end.

    Only a quote that opens a sentence (capitalised) can run over: a fragment such as
    has “escalated to the limit. whose closing mark is lost ends with its paragraph.
    """
    open_at = None
    for m in _RUNOVER_MARKS.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if ch in "“«„":
            open_at = i
        elif ch in "”»":
            open_at = None
        elif ch == '"':
            open_at = i if open_at is None and _straight_opens(text, i, start) else None
    return open_at is not None and text[open_at + 1 : open_at + 2].isupper()


def _straight_opens(text: str, i: int, floor: int) -> bool:
    before = text[i - 1] if i > floor else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:,\x02") and not (after.isspace() or after == "\x02")


def _scan_marks(text: str, start: int, end: int) -> list[_Direct]:
    """Quotes opened and closed inside text[start:end] (a paragraph or a run of joined paragraphs)."""
    out: list[_Direct] = []
    i = start
    while i < end:
        m = _OPENERS.search(text, i, end)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        is_open = (
            ch in "“«„" or (ch == '"' and _straight_opens(text, i, start)) or (ch == "‘" and _single_opens(text, i))
        )
        if not is_open:
            i += 1
            continue
        close = _closing(text, i, end, ch)
        q_start = i + 1
        if close is None:
            q_end = _paragraph_end(text, i, end)
            out.append(_Direct(q_start, _rstrip(text, q_start, q_end), i, None, _count_words(text[q_start:q_end])))
            i = q_end
            continue
        inner = text[q_start:close]
        if ch == "‘" and len(inner.split()) < 2:
            i += 1
            continue
        out.append(_Direct(q_start, _rstrip(text, q_start, close, ","), i, close, _count_words(inner)))
        i = close + 1
    return out


def _single_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '(“"[—–:') and after.isalnum()


def _closing(text: str, i: int, end: int, opener: str) -> int | None:
    """Index of the mark closing the quote opened at ``i``; paragraph-internal reopenings are joined."""
    closer = _OPEN[opener]
    marks = _CLOSING_MARKS[opener]
    j = i + 1
    while j < end:
        m = marks.search(text, j, end)
        if m is None:
            return None
        j = m.start()
        ch = text[j]
        if opener == "‘":
            if ch == "’" and (j + 1 >= len(text) or not text[j + 1].isalpha()) and text[j - 1] not in " ":
                return j
        elif ch == closer and (opener != '"' or not _straight_opens(text, j, i + 1)):
            return j
        elif ch == "\n" and not _BLANK_LINE.match(text, j, end):
            j += 1  # a line break inside a paragraph (hard-wrapped text): not a paragraph end
            continue
        elif ch == "\n" and opener != "‘":
            # A run-over quote: skip the paragraph break and the opening mark of the next paragraph.
            k = j
            while k < end and text[k].isspace():
                k += 1
            if k < end and text[k] == opener:
                j = k + 1
                continue
            return None
        elif ch == "\n":
            return None
        j += 1
    return None


def _paragraph_end(text: str, i: int, end: int) -> int:
    blank = _BLANK_LINE.search(text, i, end)
    return end if blank is None else blank.start()


def _rstrip(text: str, start: int, end: int, extra: str = "") -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in extra):
        end -= 1
    return end


def _count_words(s: str) -> int:
    return len(re.findall(r"\w+", s))


# --- sentences ---------------------------------------------------------------------------------


def _sentences(spacy_doc: Doc, text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy's sentences cut at paragraph ends (the parser sometimes runs a sentence across them)."""
    out: list[tuple[int, int]] = []
    p_ends = [e for _, e in paragraphs]
    for sent in spacy_doc.sents:
        s, e = sent.start_char, sent.end_char
        k = bisect.bisect_right(p_ends, s)  # the first paragraph ending after the sentence starts
        while k < len(paragraphs) and paragraphs[k][0] < e:
            lo, hi = max(s, paragraphs[k][0]), min(e, paragraphs[k][1])
            if text[lo:hi].strip():
                out.append((lo, hi))
            k += 1
    return out


def _index(starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(starts, char) - 1)


# --- cues ----------------------------------------------------------------------------------------


def _cues(
    doc: Document,
    spacy_doc: Doc,
    sents: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    directs: list[_Direct],
) -> list[_Cue]:
    text = doc.text
    sent_starts = [s for s, _ in sents]
    para_starts = [s for s, _ in paragraphs]
    inside = [(d.start, d.end) for d in directs]
    times = [(t.span.start, t.span.end) for t in doc.times]
    skip_before = _dateline_end(doc)
    cues: list[_Cue] = []
    by_verb: dict[int, _Cue] = {}
    media: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for token in _cue_tokens(spacy_doc):
        if _within(token.idx, inside):
            continue
        sent_i = _index(sent_starts, token.idx)
        s_start, s_end = sents[sent_i] if sents else (0, len(text))
        p_start, p_end = paragraphs[_index(para_starts, token.idx)]
        if token.lower_ == "according" and token.i + 1 < len(spacy_doc) and spacy_doc[token.i + 1].lower_ == "to":
            cue = _according_cue(token, spacy_doc, text, sent_i, s_start, s_end, skip_before)
        elif token.lower_ == "in":
            cue = _poll_cue(token, text, sent_i, (max(s_start, p_start), min(s_end, p_end)), skip_before)
        elif token.lower_ in _STATEMENT_NOUNS and token.head.lower_ == "in" and token.head.dep_ == "prep":
            cue = _statement_cue(token, text, sent_i, (s_start, s_end), skip_before)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _VERB_CUES:
            cue = _verb_cue(token, text, sent_i, (s_start, s_end), (p_start, p_end), inside, by_verb, skip_before)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in _CLAIM_NOUNS:
            cue = _noun_cue(token, text, sent_i, (p_start, p_end), skip_before)
        elif token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be" and token.head.i < token.i:
            cue = _copula_cue(token, text, sent_i, (max(s_start, p_start), min(s_end, p_end)), skip_before)
        else:
            continue
        if cue is None:
            continue
        _add_frame(text, cue, token, (s_start, s_end), inside, times, skip_before, media)
        by_verb[token.i] = cue
        cues.append(cue)
    return cues


def _layout_cues(
    doc: Document,
    spacy_doc: Doc,
    sents: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    directs: list[_Direct],
) -> list[_Cue]:
    """Cues that are punctuation, not words: a transcript's speaker label and a quote signed with a dash.

    "HOST: Let's begin with …" (an all-capitals label, or a person's name, opening a paragraph: the rest of
    the paragraph is what they say, verbatim); "“She has betrayed this town.” ― Ama Mensah" (a dash
    and a name closing the paragraph after a quote).
    """
    text = doc.text
    skip_before = _dateline_end(doc)
    sent_starts = [s for s, _ in sents]
    out: list[_Cue] = []
    for k, (p_start, p_end) in enumerate(paragraphs):
        headline = _is_headline(text, p_start, p_end, first=k == 0)
        if p_start < skip_before and not headline:
            continue
        m = (_HEADLINE_LABEL if headline else _SPEAKER_LABEL).match(text, p_start, p_end)
        if m is None:
            continue
        name = m.span("name")
        words = spacy_doc.char_span(*name, alignment_mode="expand")
        if words is None or not (headline or m["name"].isupper() or any(e.label_ == "PERSON" for e in words.ents)):
            continue
        c_start, c_end = _trim(text, m.end(), p_end)
        if headline:
            c_end = _rstrip(text, c_start, c_end, ".")
        if _count_words(text[c_start:c_end]) < 3:
            continue
        colon = m.start("colon")
        out.append(
            _Cue(
                colon,
                colon + 1,
                _index(sent_starts, colon),
                name,
                words.root,
                (c_start, c_end),
                confidence=0.7,
                verbatim=True,
            )
        )
    for d in directs:
        if d.close_at is None:
            continue
        m = _SIGNATURE.match(text, d.close_at + 1)
        if m is None:  # the signature ends its line
            continue
        name = m.span("name")
        words = spacy_doc.char_span(*name, alignment_mode="expand")
        if words is None or any(t.pos_ in ("VERB", "AUX") for t in words):
            continue
        dash = m.start("dash")
        sent_i = _index(sent_starts, max(d.open_at, d.close_at - 1))
        out.append(_Cue(dash, dash + 1, sent_i, name, words.root, (d.start, d.end), confidence=0.75))
    return out


def _is_headline(text: str, start: int, end: int, first: bool) -> bool:
    """Whether a paragraph is a headline: the article's short first line, or a title-cased line."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start:end])
    if not 3 <= len(words) <= (2 * _HEADLINE_WORDS if first else _HEADLINE_WORDS):
        return False
    if first and not re.search(r"[a-z][.!?]\s+[A-Z]", text[start:end]):
        return True  # one sentence: the title line
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def _cue_tokens(spacy_doc: Doc) -> list[Token]:
    """The tokens that may start a cue (a speech-verb lemma, "according", a statement noun), in order.

    One pass over integer attributes, so the per-token work of :func:`_cues` is done on a handful of
    tokens rather than on every token of the article.
    """
    strings = spacy_doc.vocab.strings
    cue_words = {strings[w] for w in _CUE_WORDS}  # string ids: hashes, the same in every vocab
    out = []
    for token in spacy_doc:
        lemma = token.lemma
        speech = _SPEECH_LEMMA.get(lemma)
        if speech is None:
            word = strings[lemma].lower()
            speech = _SPEECH_LEMMA[lemma] = (
                word in _VERB_CUES or word in _CLAIM_NOUNS or word in _ADJECTIVE_CLASS or word in _STANCE_NOUNS
            )
        if speech or token.lower in cue_words:
            out.append(token)
    return out


def _dateline_end(doc: Document) -> int:
    """Content never starts inside the dateline ("Apr 18, Baghdad:")."""
    dateline = doc.article.dateline
    ends = [s.end for s in (dateline.place, dateline.date) if s is not None] if dateline else []
    if ends:
        end = max(ends)
    else:
        m = _DATELINE_HEAD.match(doc.text)
        return m.end() if m else 0
    while end < len(doc.text) and (doc.text[end] in ":,-–— \t"):
        end += 1
    return end


def _within(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def _edges(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _trim(text: str, start: int, end: int, marks: str = "") -> tuple[int, int]:
    """Strip whitespace, commas (and ``marks``) and leading complementisers from a span."""
    strip = ",;:–—-" + marks
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    m = re.match(r"(?i)(?:that|whether|if)\s+", text[start:end])
    if m and end - start > len(m.group()) + 3:
        start += m.end()
    return start, end


def _clip(span: tuple[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    start, end = max(span[0], lo), min(span[1], hi)
    return (start, end) if start < end else None


def _verb_cue(
    verb: Token,
    text: str,
    sent_i: int,
    sent: tuple[int, int],
    para: tuple[int, int],
    inside: list[tuple[int, int]],
    by_verb: dict[int, _Cue],
    skip_before: int,
) -> _Cue | None:
    """A speech verb with its subject (speaker) and clausal complement (content)."""
    if verb.lemma_.lower() in _DIRECT_ONLY - _VERB_CUES_PLAIN:
        return _direct_only_cue(verb, text, sent_i, sent, inside, skip_before)
    if verb.lemma_.lower() in _SEEM_VERBS:
        return _seem_cue(verb, text, sent_i, (max(sent[0], para[0], skip_before), min(sent[1], para[1])), inside)
    subjects, complements = [], []
    for c in verb.children:
        dep = c.dep_
        if dep in ("nsubj", "nsubjpass"):
            subjects.append(c)
        elif dep in ("ccomp", "parataxis") and para[0] <= c.idx < para[1]:
            complements.append(c)
    lemma = verb.lemma_.lower()
    if lemma in _NEEDS_THAT:
        complements = [c for c in complements if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    content = None
    if complements:
        starts_ends = [_edges(c) for c in complements]
        span = (min(s for s, _ in starts_ends), max(e for _, e in starts_ends))
        span = (span[0], min([span[1], *(_own_act_start(c) for c in complements)]))
        span = _clip(span, max(para[0], skip_before if skip_before > span[0] else 0), para[1])
        if span is not None:
            span = _trim(text, *span)
            content = span if span[1] - span[0] > 2 else None
    passive_it = any(s.dep_ == "nsubjpass" and s.lower_ == "it" for s in subjects)
    # A subject inside the dateline or the content is a parse error ("SANAA, Nov. 20 — …, a spokesman said").
    subjects = [
        s
        for s in subjects
        if s.idx >= skip_before and not (content and content[0] <= s.idx < content[1]) and not _within(s.idx, inside)
    ]
    speaker = head = None
    confidence = 0.85
    if subjects and not passive_it:
        head = _speaker_head(subjects)
        if head.lower_ in _RELATIVE and verb.dep_ == "relcl":
            head = verb.head  # "the Committee, which said …": the Committee speaks
            speaker = _trim(text, *_np_edges(head), _QUOTE_MARKS)
        else:
            starts_ends = [_np_edges(s) for s in subjects]
            speaker = _trim(text, min(s for s, _ in starts_ends), max(e for _, e in starts_ends), _QUOTE_MARKS)
    elif passive_it:
        confidence = 0.6
    elif verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i in by_verb:
        parent = by_verb[verb.head.i]  # "Allawi told Reuters, adding that …": Allawi adds
        speaker, head, confidence = parent.speaker, parent.head, parent.confidence - 0.05
    elif (parent := _reporting_parent(verb, by_verb)) is not None:
        speaker, head, confidence = parent.speaker, parent.head, parent.confidence - 0.05  # "said … and warned …"
    elif not subjects and (shared := _shared_subject(verb, skip_before)) is not None:
        # "The mayor took to the radio, saying …", "X met Y and asked …": the subject of the clause the cue adjoins
        head = _speaker_head(shared)
        speaker = _trim(text, *_np_edges(head), _QUOTE_MARKS)
        confidence = 0.7
    elif not subjects:
        found = _postposed_speaker(verb, max(sent[0], skip_before))
        # A speaker inside the content cuts it short there; one before the content is not the postposed speaker
        # the verb needs ("…, MAYOR: adding that '' it is …": a header word), so it is dropped.
        if found is not None and (content is None or not found[0][0] <= content[0]):
            speaker, head = found
            confidence = 0.7
            if content is not None and content[0] < speaker[0] < content[1]:
                content = _trim(text, content[0], speaker[0])
                content = content if content[1] - content[0] > 2 else None
    speech = lemma in SPEECH_VERBS
    if content is None and speaker is not None and verb.dep_ in ("conj", "ROOT") and speech:
        content = _leading_content(verb, text, speaker, max(sent[0], skip_before), inside)
    elif content is None and speaker is not None and verb.dep_ == "parataxis" and speech:
        content = _framing_clause(verb, text, (max(sent[0], skip_before, para[0]), min(sent[1], para[1])), inside)
    cue_end = verb.idx + len(verb.text)
    # "…, citing information from regional sources": the speaker's cited source (see _add_frame), not a report.
    own_act = lemma != "cite" or bool(subjects)
    if content is None and lemma in _OBJECT_CUES and not complements and own_act:
        found_object = _object_content(verb, text, (max(sent[0], skip_before, para[0]), min(sent[1], para[1])))
        if found_object is not None:
            content, cue_end = found_object
    if content is None and speaker is not None and not complements and (lemma in _ATTITUDE_CUES or lemma in _PREP_CUES):
        found_object = _attitude_content(verb, text, (max(sent[0], skip_before, para[0]), min(sent[1], para[1])))
        if found_object is not None:
            content, cue_end = found_object
    evidence = lemma in _EVIDENCE_VERBS and head is not None and head.lemma_.lower() in _EVIDENCE_NOUNS
    if content is None and evidence and not complements:
        content = _evidence_content(verb, text, (max(sent[0], skip_before, para[0]), min(sent[1], para[1])))
    if (lemma in _NEEDS_CONTENT or not speech) and content is None:
        return None
    if not speech and not evidence and not (subjects and head is not None and _sentient(head)):
        return None  # an attitude needs its own holder: not "trying to persuade voters to support him"
    if speaker is None and (content is None or not speech):
        return None
    if speaker is not None and _within(speaker[0], inside):
        return None
    cue_end = max(cue_end, _particle_end(verb))
    cls = _CUE_CLASS.get(lemma, "speech") if lemma not in _OBJECT_SPEECH else "speech"
    cue = _Cue(_chain_start(verb), cue_end, sent_i, speaker, head, content, confidence=confidence, verb=verb, cls=cls)
    parent = by_verb.get(verb.head.i) if verb.dep_ in ("advcl", "conj", "xcomp") else None
    parent = parent or _reporting_parent(verb, by_verb)
    if parent is not None and not subjects:
        cue.medium, cue.said_at = parent.medium, parent.said_at
    return cue


def _seem_cue(
    verb: Token, text: str, sent_i: int, bounds: tuple[int, int], inside: list[tuple[int, int]]
) -> _Cue | None:
    """ "The crowd seemed to enjoy the speech", "it seemed like a hopeless job": a belief nobody is named for.

    The content is the subject and the complement (the cue between them splits it); no speaker.
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ in ("it", "there", "what", "which", "who", "that"):
        return None
    complement = next(
        (
            c
            for c in verb.children
            if c.i > verb.i
            and (
                (c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                or c.dep_ in ("acomp", "oprd")
                or (c.dep_ == "prep" and c.lower_ in ("like", "as"))
            )
        ),
        None,
    )
    if complement is None or complement.lemma_.lower() in _VERB_CUES_PLAIN:
        return None  # "he appeared to suggest that …": his suggestion (see _chain_start)
    clipped = _clip((subject.left_edge.idx, _edges(complement)[1]), *bounds)
    if clipped is None or _within(clipped[0], inside) or _within(verb.idx, inside):
        return None
    start, end = _trim(text, *clipped)
    end = _rstrip(text, start, end, ".")
    if end <= verb.idx + len(verb.text):
        return None
    return _Cue(
        verb.idx, verb.idx + len(verb.text), sent_i, None, None, (start, end), confidence=0.5, verb=verb, cls="belief"
    )


def _direct_only_cue(
    verb: Token, text: str, sent_i: int, sent: tuple[int, int], inside: list[tuple[int, int]], skip_before: int
) -> _Cue | None:
    """ "“…,” he continued." / "He went on: “…”": a verb that reports speech only when it introduces a direct quote."""
    objects = ("dobj", "xcomp", "ccomp", "acomp", "attr", "oprd")
    if any(c.dep_ in objects and not _within(c.idx, inside) for c in verb.children):
        return None
    if verb.lemma_.lower() == "go" and not any(c.lower_ == "on" and c.i == verb.i + 1 for c in verb.children):
        return None
    end = _particle_end(verb)
    before = any(
        e <= verb.idx and not re.search(r"[.!?]\s", text[e + 1 : verb.idx]) and verb.idx - e < 80
        for _, e in inside
        if e >= sent[0] - 2
    )
    after = any(end <= s <= end + 3 and text[end:s].strip() in (":", ",", ":“", ',"', ':"', "") for s, _ in inside)
    if not (before or after):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.idx >= skip_before and not _within(c.idx, inside)]
    if not subjects:
        return None
    head = _speaker_head(subjects)
    speaker = _trim(text, *_np_edges(subjects[0]), _QUOTE_MARKS)
    return _Cue(verb.idx, end, sent_i, speaker, head, None, confidence=0.75, verb=verb)


def _evidence_content(verb: Token, text: str, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """What a poll or a document shows when it is the object: "Surveys show a tight race in the north"."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if dobj is None:
        return None
    right = [
        c
        for c in verb.children
        if c.i > dobj.i and (c.dep_ in ("oprd", "xcomp", "acomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "with"))
    ]
    last = max([_np_last(dobj), *(c.right_edge for c in right)], key=lambda t: t.i)
    clipped = _clip((dobj.left_edge.idx, last.idx + len(last.text)), *bounds)
    if clipped is None:
        return None
    start, end = _trim(text, *clipped)
    end = _rstrip(text, start, end, ".")
    return (start, end) if _count_words(text[start:end]) >= 2 else None


def _chain_start(verb: Token) -> int:
    """Where a cue begins: at the verb, or at the verb it completes ("went on to say", "declined to comment on",
    "continued to insist", "issued a statement saying"), which is part of how the act is reported."""
    head = verb.head
    if head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return verb.idx
    lemma = head.lemma_.lower()
    went_on = lemma != "go" or any(c.dep_ in ("prt", "advmod") and c.lower_ == "on" for c in head.children)
    if verb.dep_ == "xcomp" and lemma in _CHAIN_HEADS and went_on:
        return head.idx
    if (
        verb.dep_ in ("advcl", "xcomp", "acl")
        and lemma in ("issue", "release")
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _STATEMENT_NOUNS for c in head.children)
    ):
        return head.idx
    return verb.idx


def _sentient(head: Token) -> bool:
    """Whether a subject can hold a belief, an intention or a view: a person, a group, a pronoun, a share of them.

    "The new rule seeks to limit …" and "a season that has seen teams falter" hold none.
    """
    if head.pos_ in ("PRON", "PROPN") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if head.lower_ in _HOLDER_WORDS or head.lemma_ in _HOLDER_WORDS:
        return True
    if head.tag_ in ("NN", "NNS") and _is_person_noun(head.lemma_.lower()):
        return True
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)  # "three-quarters of voters"
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return obj is not None and obj.i != head.i and _sentient(obj)


def _particle_end(verb: Token) -> int:
    """End of the verb with the particle right after it ("pointed out", "lashed out"): the cue is the phrasal verb."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == verb.i:
        return nxt.idx + len(nxt.text)
    return verb.idx + len(verb.text)


def _attitude_content(verb: Token, text: str, bounds: tuple[int, int]) -> tuple[tuple[int, int], int] | None:
    """(content, cue end) of a belief, intention, evaluation or perception cue without a clause, else None.

    "wants to run" and "wants all immigrants to be deported" (the infinitive, with its subject), "supports a wall",
    "described the field as all very good" (the object, with its predicate), "voted for the bill" (the
    preposition's object; the preposition joins the cue). A belief verb takes an object only with a predicate.
    """
    lemma = verb.lemma_.lower()
    cue_end = _particle_end(verb)
    right = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj", "prt")]
    first = last = None
    preps = _PREP_CUES.get(lemma)
    xcomp = next(
        (
            c
            for c in right
            if c.dep_ == "xcomp" and (c.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        ),
        None,
    )
    dobj = next((c for c in right if c.dep_ == "dobj"), None)
    prep = next((c for c in right if c.dep_ in ("prep", "agent")), None)
    if preps is not None and prep is not None and prep.lower_ in preps and prep.i <= verb.i + 2 and dobj is None:
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        cue_end = prep.idx + len(prep.text)
        first, last = objs[0].left_edge, objs[0].right_edge
    elif lemma not in _ATTITUDE_CUES:
        return None
    elif xcomp is not None and lemma not in _PREDICATE_ONLY:
        first = dobj.left_edge if dobj is not None and dobj.i < xcomp.i else xcomp.left_edge
        last = xcomp.right_edge
    elif dobj is not None:
        predicate = [
            c
            for c in right
            if c.i > dobj.i
            and (c.dep_ in ("oprd", "xcomp", "acomp") or (c.dep_ == "prep" and c.lower_ in ("as", "for", "to", "of")))
        ]
        if lemma in _PREDICATE_ONLY and not predicate:
            return None
        first, last = dobj.left_edge, max([dobj.right_edge, *(c.right_edge for c in predicate)], key=lambda t: t.i)
        if not predicate:
            last = _np_last(dobj)
    if first is None or last is None:
        return None
    clipped = _clip((first.idx, last.idx + len(last.text)), *bounds)
    if clipped is None:
        return None
    start, end = _trim(text, *clipped)
    end = _rstrip(text, start, end, ".")
    return ((start, end), cue_end) if end > start else None


def _shared_subject(verb: Token, skip_before: int) -> list[Token] | None:
    """The subject a subjectless participle, conjunct or infinitive shares with the verb it depends on."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("advcl", "conj", "xcomp") or node.head.i == node.i:
            return None
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            return None  # "… because saying so …", "while asking …": not a shared-subject adjunct
        node = node.head
        subjects = [c for c in node.children if c.dep_ == "nsubj" and c.idx >= skip_before]
        if subjects:
            return None if subjects[0].lower_ in _RELATIVE or subjects[0].lower_ == "it" else subjects
    return None


def _reporting_parent(verb: Token, by_verb: dict[int, _Cue]) -> _Cue | None:
    """The cue whose report ``verb`` was parsed into as a conjunct: "X said … and urged …" (X urges)."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ not in ("ccomp", "parataxis") or head.head.i not in by_verb:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    return by_verb[head.head.i] if _own_act_start(head) <= verb.idx else None


def _own_act_start(complement: Token) -> int:
    """Where the speaker's own coordinated speech act begins inside a complement, else past its end.

    "The agency said the army had blocked the road … and urged both sides …": a simple-past speech verb
    with no subject of its own, conjoined to the head of the reported clause, is the speaker's second act; the
    report ends before its conjunction.
    """
    for conj in complement.children:
        if conj.dep_ != "conj" or conj.tag_ != "VBD" or conj.lemma_.lower() not in _OWN_ACTS:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        cc = [c for c in complement.children if c.dep_ in ("cc", "punct") and c.i < conj.i and c.i > complement.i]
        return min([conj.left_edge, *cc], key=lambda t: t.i).idx
    return _edges(complement)[1]


def _object_content(verb: Token, text: str, bounds: tuple[int, int]) -> tuple[tuple[int, int], int] | None:
    """(content, cue end) of a speech act whose content is its object and complement, else None.

    "called on the mayor to stop" (cue "called on"), "called the plan a disgrace", "accused X of Y", "urged X to
    Y": an object with a predicate (xcomp, oprd, "of"/"as"/"for" phrase); "called for X" alone; a bare object
    ("called a meeting", "asked him") is not a report.
    """
    lemma = verb.lemma_.lower()
    right = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj", "npadvmod")]
    deps = {c.dep_ for c in right}
    preps = {c.lower_: c for c in right if c.dep_ in ("prep", "prt")}
    cue_end = verb.idx + len(verb.text)
    first = None
    if lemma == "call" and ("for" in preps or "on" in preps) and preps.get("for", preps.get("on")).i == verb.i + 1:
        prep = preps.get("for", preps.get("on"))
        cue_end = prep.idx + len(prep.text)
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        first = objs[0].left_edge if objs else next((c for c in right if c.i > prep.i), None)
        if first is not None:
            first = min([first, *(c.left_edge for c in right if c.i > prep.i)], key=lambda t: t.i)
    elif "dobj" in deps and (deps & {"xcomp", "oprd", "ccomp"} or {"of", "as", "for"} & set(preps)):
        first = min((c.left_edge for c in right if c.dep_ not in ("advmod", "prt")), key=lambda t: t.i)
    elif lemma == "cite" and "dobj" in deps:
        first = min((c.left_edge for c in right), key=lambda t: t.i)
    if first is None:
        return None
    last = max(_edges(c)[1] for c in right)  # not into a coordinated act ("accused X of Y and called on Z")
    clipped = _clip((first.idx, last), *bounds)
    if clipped is None:
        return None
    start, end = _trim(text, *clipped)
    end = _rstrip(text, start, end, ".")
    return ((start, end), cue_end) if _count_words(text[start:end]) >= 2 else None


def _framing_clause(
    verb: Token, text: str, bounds: tuple[int, int], inside: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The clause a parenthetical cue interrupts: "Street protests, Ms. Mensah said, are a sign of real anger".

    The whole clause, the parenthetical included (a quote is one span); not when it holds or touches a direct
    quote (then the cue introduces that quote), nor when the cue is the clause's first words.
    """
    head = verb.head.head if verb.head.dep_ in ("aux", "auxpass", "cop") else verb.head
    clipped = _clip(_edges(head), *bounds)
    if clipped is None or verb.left_edge.idx <= clipped[0]:
        return None
    start, end = _trim(text, *clipped)
    end = _rstrip(text, start, end, ".")
    if any(s < end + 1 and start - 1 < e for s, e in inside) or any(ch in _QUOTE_MARKS for ch in text[start:end]):
        return None
    return (start, end) if _count_words(text[start:end]) >= 4 else None


def _leading_content(
    verb: Token, text: str, speaker: tuple[int, int], floor: int, inside: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The clause before "…, SPEAKER said." when the parser did not make it the verb's complement."""
    start, end = _trim(text, floor, speaker[0])
    if "," not in text[end : speaker[0]] or _count_words(text[start:end]) < 3:
        return None
    if any(s < end and start < e for s, e in inside) or any(ch in _QUOTE_MARKS for ch in text[start:end]):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in verb.sent if t.i > verb.i):
        return None  # "…, he said, and added that …": not a clause-final cue
    return start, end


def _np_edges(token: Token) -> tuple[int, int]:
    """Edges of a noun phrase without its relative clause ("Amna Yousif, a student who joined …")."""
    start, end = token.idx, token.idx + len(token.text)
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and child.i > token.i:
            continue
        c_start, c_end = _np_edges(child)
        start, end = min(start, c_start), max(end, c_end)
    return start, end


def _postposed_speaker(verb: Token, floor: int) -> tuple[tuple[int, int], Token] | None:
    """The speaker the parser missed in "…, an army spokesman, Colonel X, told reporters".

    Takes the comma-delimited noun phrase right before the verb, and one appositive before it.
    """
    doc = verb.doc
    segments: list[tuple[int, int]] = []
    j = verb.i - 1
    for _ in range(2):
        while j >= 0 and doc[j].text == ",":
            j -= 1
        end = j
        while j >= 0 and doc[j].text != "," and doc[j].idx >= floor and end - j < 8:
            j -= 1
        if end < 0 or end == j or doc[j].text != ",":
            break
        phrase = doc[j + 1 : end + 1]
        if not phrase or phrase.root.pos_ not in ("NOUN", "PROPN") or any(t.pos_ == "VERB" for t in phrase):
            break
        segments.append((j + 1, end))
        if phrase[0].pos_ == "PROPN" and not segments[:-1]:
            continue  # a name: maybe an appositive title before it
        if segments[:-1]:
            break
    if not segments:
        return None
    first, last = segments[-1][0], segments[0][1]
    head = next((doc[k] for k in range(segments[0][1], segments[0][0] - 1, -1) if doc[k].pos_ == "PROPN"), doc[last])
    return (doc[first].idx, doc[last].idx + len(doc[last].text)), head


def _speaker_head(subjects: list[Token]) -> Token:
    """The subject token naming the speaker: a proper noun beats a common noun ("villager Mahmoud")."""
    for token in subjects:
        if token.pos_ == "PROPN":
            return token
    return subjects[-1]


def _according_cue(
    token: Token,
    spacy_doc: Doc,
    text: str,
    sent_i: int,
    s_start: int,
    s_end: int,
    skip_before: int,
) -> _Cue | None:
    """ "according to X, …": X speaks; the clause "according" modifies is the content."""
    to = spacy_doc[token.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    speaker = _trim(text, *_np_edges(obj), _QUOTE_MARKS)
    phrase_end = _edges(obj)[1]
    clause = token.head if token.head.i != token.i else None
    content = None
    if clause is not None:
        c_start, c_end = _edges(clause)
        if not re.sub(r"(?i)\b(?:but|and|so)\b", "", text[c_start : token.idx]).strip(_CLAUSE_PUNCT):
            c_start = phrase_end  # "According to X, …": the rest of the clause
        elif not text[phrase_end:c_end].strip(_CLAUSE_PUNCT):
            c_end = token.idx  # "…, according to X.": what comes before
        clipped = _clip((c_start, c_end), max(s_start, skip_before), s_end)
        if clipped is not None:
            content = _trim(text, *_strip_conj(text, *clipped))
    return _Cue(token.idx, to.idx + len(to.text), sent_i, speaker, _speaker_head([obj]), content, verb=token)


def _poll_cue(prep: Token, text: str, sent_i: int, bounds: tuple[int, int], skip_before: int) -> _Cue | None:
    """ "In a Herald poll, Okafor held a lead" / "… ahead in regional polls": the poll is the source of the clause."""
    if prep.dep_ != "prep" or prep.idx < skip_before:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in _POLL_NOUNS:
        return None
    clause = prep.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    p_start, p_end = _edges(prep)
    c_start, c_end = _edges(clause)
    if p_start <= c_start:
        c_start = p_end  # "In a poll, …": the rest of the clause
    elif not text[p_end:c_end].strip(_CLAUSE_PUNCT):
        c_end = p_start  # "… in national polls.": what comes before
    else:
        return None
    clipped = _clip((c_start, c_end), max(bounds[0], skip_before), bounds[1])
    if clipped is None:
        return None
    content = _trim(text, *_strip_conj(text, *clipped))
    content = (content[0], _rstrip(text, *content, "."))
    if _count_words(text[content[0] : content[1]]) < 3:
        return None
    speaker = _trim(text, *_np_edges(obj), _QUOTE_MARKS)
    return _Cue(prep.idx, prep.idx + len(prep.text), sent_i, speaker, obj, content, confidence=0.6, verb=prep)


def _noun_cue(noun: Token, text: str, sent_i: int, para: tuple[int, int], skip_before: int) -> _Cue | None:
    """A speech noun with its holder and its clause: "the mayor's claim that …", "warnings from her lawyer that …".

    Only with both: the holder (a possessive, or a "from"/"by" phrase) and a "that" clause (or, for a promise,
    an infinitive: "her promise to cut bus fares").
    """
    content = None
    for child in noun.children:
        if child.dep_ not in ("acl", "ccomp", "relcl") or child.i < noun.i:
            continue
        marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
        if ("that" in marks and child.dep_ != "relcl") or (noun.lemma_.lower() in _PROMISE_NOUNS and "to" in marks):
            content = _clip(_edges(child), max(para[0], skip_before), para[1])
            break
    if content is None:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        prep = next(
            (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > noun.i), None
        )
        holder = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if holder is None or holder.idx < skip_before:
        return None
    speaker = _trim(text, *_np_edges(holder), _QUOTE_MARKS)
    content = _trim(text, *content)
    content = (content[0], _rstrip(text, *content, "."))
    if content[1] - content[0] < 3:
        return None
    return _Cue(noun.idx, noun.idx + len(noun.text), sent_i, speaker, holder, content, confidence=0.7, verb=noun)


def _copula_cue(word: Token, text: str, sent_i: int, bounds: tuple[int, int], skip_before: int) -> _Cue | None:
    """An attitude stated with "be": "Many farmers are worried that …", "is keen to stand", "is a critic of X".

    The cue runs from the copula to the adjective (or stance noun) and its preposition; the content is the
    clause, the infinitive or the preposition's object; the subject must be able to hold an attitude.
    """
    lemma = word.lemma_.lower()
    if word.pos_ == "ADJ" and word.dep_ == "acomp":
        cls = _ADJECTIVE_CLASS.get(lemma)
    elif word.pos_ == "NOUN" and word.dep_ == "attr" and lemma in _STANCE_NOUNS:
        cls = "evaluation"
    else:
        cls = None
    if cls is None:
        return None
    be = word.head
    subjects = [c for c in be.children if c.dep_ == "nsubj" and c.idx >= skip_before]
    if not subjects or subjects[0].lower_ in ("it", "there", "this", "that") or not _sentient(subjects[0]):
        return None
    cue_end = word.idx + len(word.text)
    first = last = None
    clause = next((c for c in (*word.children, *be.children) if c.dep_ == "ccomp" and c.i > word.i), None)
    infinitive = next(
        (
            c
            for c in word.children
            if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    prep = next((c for c in word.children if c.dep_ == "prep" and c.i > word.i), None)
    if clause is not None and cls in ("belief", "evaluation") and lemma != "critical":
        first, last = clause.left_edge, clause.right_edge
    elif infinitive is not None and cls in ("intention", "evaluation", "belief"):
        first, last = infinitive.left_edge, infinitive.right_edge
    elif prep is not None and prep.lower_ in _ADJECTIVE_PREPS and prep.i <= _last_modifier(word) + 1:
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        cue_end = prep.idx + len(prep.text)
        first, last = objs[0].left_edge, _np_last(objs[0]) if objs[0].dep_ == "pobj" else objs[0].right_edge
    if first is None or last is None:
        return None
    clipped = _clip((first.idx, last.idx + len(last.text)), max(bounds[0], skip_before), bounds[1])
    if clipped is None:
        return None
    content = _trim(text, *clipped)
    content = (content[0], _rstrip(text, *content, "."))
    if content[1] - content[0] < 2:
        return None
    head = _speaker_head(subjects)
    speaker = _trim(text, *_np_edges(subjects[0]), _QUOTE_MARKS)
    return _Cue(be.idx, cue_end, sent_i, speaker, head, content, confidence=0.7, verb=be, cls=cls)


def _last_modifier(word: Token) -> int:
    """Index of the last token of the noun phrase a stance noun ends (itself for an adjective)."""
    return word.i


def _np_last(token: Token) -> Token:
    """The last token of a phrase without its non-restrictive relative clause (", which had been planned for years")."""
    doc = token.doc
    for t in token.subtree:
        if t.dep_ == "relcl" and t.i > token.i and t.left_edge.i >= 2 and doc[t.left_edge.i - 1].text == ",":
            return doc[t.left_edge.i - 2]
    return token.right_edge


def _statement_cue(noun: Token, text: str, sent_i: int, sent: tuple[int, int], skip_before: int) -> _Cue | None:
    """ "In a statement, the ministry condemned the attack": the clause is what the statement says.

    Only when the clause's verb is not itself a speech verb (then that verb is the cue).
    """
    prep, verb = noun.head, noun.head.head
    if verb.lemma_.lower() in SPEECH_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= skip_before]
    if not subjects:
        return None
    speaker = _trim(text, *_np_edges(subjects[0]), _QUOTE_MARKS)
    p_start, p_end = _edges(prep)
    if p_end <= speaker[0]:
        content = _trim(text, speaker[0], sent[1])  # "In a statement, X …"
    else:
        content = _trim(text, max(sent[0], skip_before), p_start)  # "X … in a statement."
    content = (content[0], _rstrip(text, *content, "."))
    cue = _Cue(p_start, p_end, sent_i, speaker, _speaker_head(subjects), content, confidence=0.7, verb=verb)
    cue.medium = (noun.idx, noun.idx + len(noun.text), noun.text)
    return cue


def _strip_conj(text: str, start: int, end: int) -> tuple[int, int]:
    m = re.match(r"(?i)\s*(?:but|and|so)\s+", text[start:end])
    return (start + m.end(), end) if m else (start, end)


def _add_frame(
    text: str,
    cue: _Cue,
    verb: Token,
    sent: tuple[int, int],
    inside: list[tuple[int, int]],
    times: list[tuple[int, int]],
    skip_before: int,
    media: dict[tuple[int, int], list[tuple[int, int, str]]],
) -> None:
    """Medium, cited sources and time of saying, from the cue's clause (outside its content).

    ``media`` caches the medium phrases of each sentence: several cues often share one.
    """
    content = cue.content or (0, 0)

    def outside(start: int, _end: int) -> bool:
        return not (content[0] <= start < content[1]) and not _within(start, inside)

    lemma = verb.lemma_.lower()
    for child in verb.children:
        dep = child.dep_
        if dep in ("dobj", "dative", "iobj") and lemma in _ADDRESSEE_VERBS:
            start, end = _edges(child)
            if (
                outside(start, end)
                and _MEDIA_WORDS.search(text[start:end])
                and (child.pos_ == "PROPN" or child.lower_ in _MEDIA_NOUNS)
            ):
                cue.medium = (start, end, _medium_name(text[start:end]))
        elif dep == "prep" and child.lower_ == "to" and lemma in {"say", "speak"}:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                start, end = _edges(objs[0])
                if outside(start, end) and _MEDIA_WORDS.search(text[start:end]):
                    cue.medium = (start, end, _medium_name(text[start:end]))
        elif dep in ("advcl", "xcomp") and child.lemma_.lower() == "cite":
            for obj in child.children:
                if obj.dep_ in ("dobj", "pobj"):
                    cue.sources.append(_trim(text, *_edges(obj)))
    if cue.medium is None:
        if sent not in media:
            media[sent] = _medium_phrases(text, *sent)
        for start, end, name in media[sent]:
            if outside(start, end):
                cue.medium = (start, end, name)
                break
    if cue.speaker is not None and cue.medium is not None and cue.speaker[0] < cue.medium[0] < cue.speaker[1]:
        # "said Jean Dupont, the foreign minister, on state television": the channel is not the speaker
        cut = text.rfind(" ", cue.speaker[0], cue.medium[0] - 1)
        cue.speaker = _trim(text, cue.speaker[0], cut if cut > cue.speaker[0] else cue.medium[0], _QUOTE_MARKS)
    if cue.speaker is not None and _SOURCE_WORDS.search(text[cue.speaker[0] : cue.speaker[1]]):
        cue.sources.append(cue.speaker)
    if cue.said_at is None:
        branches: list[tuple[int, int]] | None = None
        for start, end in times:
            if max(sent[0], skip_before) <= start < sent[1] and outside(start, end):
                if branches is None:
                    branches = _frame_branches(verb)
                if any(b_start <= start < b_end for b_start, b_end in branches):
                    cue.said_at = (start, end)
                    break


def _medium_phrases(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of every medium phrase ("in an interview with X", "on state TV") in text[start:end]."""
    out = []
    for m in _MEDIUM_PHRASES.finditer(text, start, end):
        group = next(g for g in ("interview", "channel", "statement", "conference") if m[g])
        out.append((*m.span(group), _medium_name(m[group])))
    return out


def _frame_branches(verb: Token) -> list[tuple[int, int]]:
    """Character extents of the verb's dependents outside its subject and reported content."""
    return [_edges(child) for child in verb.children if child.dep_ not in ("ccomp", "parataxis", "nsubj")]


def _medium_name(words: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", words.strip())


# --- attribution --------------------------------------------------------------------------------


def _attribute(text: str, sents: list[tuple[int, int]], directs: list[_Direct], cues: list[_Cue]) -> list[_Candidate]:
    """Attach cues to direct quotes; turn the remaining cues with content into indirect quotes."""
    sent_starts = [s for s, _ in sents]
    out: list[_Candidate] = []
    cue_sent: dict[int, list[_Cue]] = {}
    for cue in cues:
        cue_sent.setdefault(cue.sent, []).append(cue)

    # Indirect and mixed quotes: cue content that is not itself inside a direct quote.
    for cue in cues:
        if cue.content is None:
            continue
        c_start, c_end = cue.content
        holders = [d for d in directs if d.open_at <= c_start and c_end <= (d.close_at or d.end) + 1]
        if holders and cue.verbatim:
            for d in holders:  # a quoted transcript line ("WALLACE: …): the label, not the marks, says who speaks
                d.used = True
        elif holders:
            continue  # the complement is the direct quote itself: attached below
        fragments = [d for d in directs if c_start <= d.open_at and d.start < c_end]
        kind: Kind = "direct" if cue.verbatim else "indirect"
        if fragments and not cue.verbatim:
            kind = "mixed"
            for d in fragments:
                d.used = True
                c_end = max(c_end, d.end if d.close_at is None else d.close_at + 1)
        c_end = _rstrip(text, c_start, c_end, "." if kind == "indirect" else "")
        out.append(_Candidate(c_start, c_end, kind, cue, cue.confidence))

    for d in directs:
        if d.used:
            continue
        first = _index(sent_starts, d.start if d.start < d.end else d.open_at)  # the mark may end the sentence before
        last = _index(sent_starts, max(d.open_at, (d.close_at if d.close_at is not None else d.end) - 1))
        cue, confidence = _cue_for_direct(d, first, last, cue_sent)
        if cue is None and d.words < 4:
            continue  # a scare quote ("so-called “caliphate”"), not a quotation
        if d.close_at is None:
            confidence -= 0.15
        out.append(_Candidate(d.start, d.end, "direct", cue, confidence))
    out.sort(key=lambda c: c.start)
    return out


def _cue_for_direct(
    d: _Direct,
    first: int,
    last: int,
    cue_sent: dict[int, list[_Cue]],
) -> tuple[_Cue | None, float]:
    """The cue of a direct quote: in its last or first sentence, else an adjacent sentence."""
    close = d.close_at if d.close_at is not None else d.end

    def introduces(cue: _Cue) -> bool:
        return cue.cls == "speech" and (cue.content is None or d.open_at <= cue.content[0] <= d.end + 1)

    for cue in cue_sent.get(last, []):
        if cue.start >= close and introduces(cue):
            return cue, 0.9
    for cue in cue_sent.get(first, []):
        if cue.end <= d.open_at and introduces(cue):
            return cue, 0.9
    # No cue in the quote's sentences: the speaker of the neighbouring cue, previous sentence first.
    for neighbour in (first - 1, last + 1):
        for cue in cue_sent.get(neighbour, []):
            if (
                cue.speaker is not None
                and cue.verb is not None
                and cue.verb.lower_ != "according"
                and cue.cls == "speech"
            ):
                return cue, 0.75
    return None, 0.4


def _apply(doc: Document, candidates: list[_Candidate]) -> list[Quote]:
    """Build the Quote objects: actors for speakers and media, pronouns resolved, ids in text order."""
    text = doc.text
    quotes: list[Quote] = []
    recent: list[tuple[SpeakerRef, str]] = []  # (speaker, "person"/"group") in text order
    # A candidate that ends before it starts or holds no words is a bug upstream: never a quote.
    candidates = [c for c in candidates if c.start < c.end and text[c.start : c.end].strip()]
    for i, cand in enumerate(candidates, start=1):
        cue = cand.cue
        speaker = medium = cue_span = said_at = None
        sources: list[Span] = []
        confidence = cand.confidence
        if cue is not None:
            cue_span = doc.span(cue.start, cue.end)
            if cue.speaker is not None:
                speaker, role = _speaker(doc, cue, recent)
                if speaker.actor is None and role == "pronoun":
                    confidence -= 0.2
            if cue.medium is not None:
                m_start, m_end, name = cue.medium
                actor = doc.actor_at(m_start, m_end)
                medium = MediumRef(
                    name=actor.name if actor else name, actor=actor.id if actor else None, span=doc.span(m_start, m_end)
                )
            sources = [doc.span(s, e) for s, e in cue.sources]
            said_at = doc.span(*cue.said_at) if cue.said_at else None
        else:
            confidence = min(confidence, 0.4)
        quotes.append(
            Quote(
                id=f"q{i}",
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                kind=cand.kind,
                cue_class=cue.cls if cue is not None else "speech",
                speaker=speaker,
                cue=cue_span,
                medium=medium,
                sources=sources,
                said_at=said_at,
                confidence=round(max(0.05, min(1.0, confidence)), 3),
            )
        )
        if speaker is not None and cue is not None and cue.head is not None and cue.head.lower_ not in _PRONOUNS:
            recent.append((speaker, _kind_of(doc, cue.head, speaker)))
    return quotes


def _carry_interview(doc: Document, found: list[Quote]) -> list[Quote]:
    """Share the medium and cited sources over a run of quotes by one speaker in adjacent paragraphs.

    Such a run is one interview or statement: "…, Allawi said, citing regional sources." then "“…,” Allawi told
    Reuters." A quote that names no medium (no sources) takes the nearest one named in its run, the span still
    on the words that name it, at a little lower confidence.
    """
    if len(found) < 2:
        return found
    para_starts = [s for s, _ in _paragraphs(doc)]
    runs: list[list[Quote]] = []
    last_para = -2
    for q in found:
        first, last = _index(para_starts, q.start), _index(para_starts, max(q.start, q.end - 1))
        key = _speaker_key(q)
        if key is not None and runs and _speaker_key(runs[-1][-1]) == key and first - last_para <= 1:
            runs[-1].append(q)
        else:
            runs.append([q])
        last_para = last
    for run in runs:
        if len(run) < 2:
            continue
        for i, q in enumerate(run):
            order = sorted(range(len(run)), key=lambda k, i=i: (abs(k - i), k > i))  # nearest, earlier first
            carried = False
            if q.medium is None:
                donor = next((run[k] for k in order if k != i and run[k].medium is not None), None)
                if donor is not None:
                    q.medium, carried = donor.medium.model_copy(), True
            if not q.sources:
                donor = next((run[k] for k in order if k != i and run[k].sources), None)
                if donor is not None:
                    q.sources, carried = list(donor.sources), True
            if carried:
                q.confidence = round(max(0.05, q.confidence - 0.05), 3)
    return found


def _speaker_key(q: Quote) -> str | None:
    """Who speaks, for runs: the actor id, else the speaker's words (an unresolved pronoun matches nothing)."""
    if q.speaker is None:
        return None
    if q.speaker.actor is not None:
        return q.speaker.actor
    words = q.speaker.span.text.lower() if q.speaker.span else ""
    return None if not words or words in _PRONOUNS else "text:" + words


def _speaker(doc: Document, cue: _Cue, recent: list[tuple[SpeakerRef, str]]) -> tuple[SpeakerRef, str]:
    """The speaker reference; a pronoun takes the actor of the latest matching speaker before it."""
    start, end = cue.speaker  # type: ignore[misc]
    span = doc.span(start, end)
    head = cue.head
    if head is not None and head.lower_ in _PRONOUNS and end - start == len(head.text):
        wanted = _PRONOUNS[head.lower_]
        previous = next((p for p, kind in reversed(recent) if kind == wanted and p.actor is not None), None)
        person = _recent_person(doc, head) if wanted == "person" else None
        # The nearer antecedent wins: a person named after the last speaker ("X spoke later. His claim …").
        if person is not None and (previous is None or previous.span is None or person[1] > previous.span.start):
            return SpeakerRef(actor=person[0], span=span), "pronoun"
        return SpeakerRef(actor=previous.actor if previous else None, span=span), "pronoun"
    actor = None
    if head is not None:
        name = _name_around(head)
        actor = doc.actor_at(*name) or doc.actor_at(head.idx, head.idx + len(head.text))
    return SpeakerRef(actor=actor.id if actor else None, span=span), "name"


def _name_around(head: Token) -> tuple[int, int]:
    """The proper-name chain ending at ``head`` ("Ayad Allawi" in "Iraq's Vice President Ayad Allawi")."""
    left = head
    while left.i > 0 and left.doc[left.i - 1].pos_ == "PROPN" and left.doc[left.i - 1].dep_ == "compound":
        left = left.doc[left.i - 1]
    return left.idx, head.idx + len(head.text)


def _kind_of(doc: Document, head: Token, speaker: SpeakerRef) -> str:
    """Whether "he"/"she" or "they" can refer back to this speaker: a person (a name or a person's role) or a group."""
    if head.ent_type_ == "PERSON" or (head.tag_ == "NN" and _is_person_noun(head.lower_)):
        return (
            "person"  # "the defence minister", "a spokesman", "the villager": a person, whatever actor they speak for
        )
    if speaker.actor is not None:
        actor = next((a for a in doc.actors if a.id == speaker.actor), None)
        if actor is not None:
            return "person" if actor.kind == "person" else "group"
    return "group"


def _is_person_noun(word: str) -> bool:
    """A singular noun naming a person by role ("minister", "spokesman", "villager", "analyst")."""
    return word in _PERSON_NOUNS or (word.endswith(_PERSON_SUFFIXES) and word not in _NOT_PERSON_NOUNS)


def _recent_person(doc: Document, pronoun: Token) -> tuple[str, int] | None:
    """(actor id, start) of the nearest PERSON entity before the pronoun, within two sentences."""
    spacy_doc = pronoun.doc
    floor = pronoun.sent.start
    sents = list(spacy_doc.sents)
    idx = next((k for k, s in enumerate(sents) if s.start == floor), 0)
    floor = sents[max(0, idx - 2)].start
    for ent in reversed(spacy_doc.ents):
        if ent.start < pronoun.i and ent.start >= floor and ent.label_ == "PERSON":
            actor = doc.actor_at(ent.start_char, ent.end_char)
            if actor is not None:
                return actor.id, ent.start_char
    return None
