"""A fast language check: is the article English? No model, just function words and script.

Why: every later stage uses English rules and an English spaCy model; a German or Arabic story would
come out as noise, so it is flagged instead. Function words make up a third or more of running English
text and almost none of other languages' text, which makes the share a cheap and sharp test.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in a is that for it as was with be by on not he i this are or his from at which but "
        "have an they you were her she there had been one all we their has would when who will more if no "
        "out so said what up its about into than them can only other new some could these two may then do "
        "first any my now such like our over also did after most where should well those while us before "
        "since between because against during through under both many each being how him just very"
    ),
    "de": _words(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an er hat "
        "aus bei sind wird nach einer um am wie noch über einen so zum war haben nur oder aber vor zur bis "
        "mehr durch man sie werden dass wurde"
    ),
    "fr": _words(
        "le la les de des du et en un une est que qui dans pour pas par sur au plus ne se ce il elle avec "
        "sont aux été son sa ses mais ou leur nous vous ont cette comme aussi être"
    ),
    "es": _words(
        "el la los las de del y en un una que es por con para no se su al lo como más pero sus le ya o fue "
        "este ha sí porque esta entre cuando muy sin sobre también me hasta hay donde han"
    ),
    "it": _words(
        "il di che e la per un una in non sono gli le del della dei si con da al ha lo anche come più ma "
        "nel alla questo è essere stato dalla degli delle"
    ),
    "pt": _words(
        "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das "
        "tem à seu sua ou ser quando muito há nos já está também pelo pela"
    ),
    "nl": _words(
        "de het een en van in is dat op te zijn met voor niet aan er die ook als bij om maar uit dan nog "
        "wordt door naar heeft worden dit geen"
    ),
    "id": _words(
        "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada atau karena oleh sudah kita "
        "mereka saya bisa adalah jadi lebih telah"
    ),
    "tr": _words("ve bir bu da de için ile olarak çok daha ama gibi olan en ne o kadar sonra göre var değil"),
    "pl": _words("i w na z się nie do to że jest o jak po ale od co za przez dla tak czy już jego są był"),
    "sv": _words("och att det som en på är av för med till den har inte om ett han men var jag sig från"),
}
_SCRIPTS = (
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
)
# Fewer words than this cannot be judged: a short text passes as English.
MIN_WORDS = 25
# English prose scores 0.35-0.55 on the list above; other Latin-script languages stay below 0.12.
_EN_SHARE = 0.18
_SAMPLE = 5000


def detect_language(text: str) -> tuple[str | None, bool]:
    """Return ``(language code or "und", is_english)``; ``(None, True)`` when the text is too short to judge."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return None, True
    latin = sum(1 for w in words if w.isascii() or _mostly_latin(w))
    if latin / len(words) < 0.5:
        for code, pattern in _SCRIPTS:
            if len(pattern.findall(sample)) > len(sample) * 0.2:
                return code, False
        return "und", False
    lowered = [w.lower() for w in words]
    shares = {lang: sum(1 for w in lowered if w in vocab) / len(lowered) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(shares, key=shares.__getitem__)
    if shares["en"] >= _EN_SHARE or (best == "en" and shares["en"] >= _EN_SHARE / 2):
        return "en", True
    if shares[best] >= 0.1:
        return best, False
    return "und", False


def _mostly_latin(word: str) -> bool:
    return all(ch < "\u0250" for ch in word)
