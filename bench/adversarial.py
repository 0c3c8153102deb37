"""Time per 10k characters of the whole pipeline on adversarial documents, at several sizes, in one process.

Each kind of document repeats one pattern that once made a stage (or spaCy's tokenizer) quadratic: long runs
of ``'``, ``(`` or ``“``; a speech cue (``, he said,``) repeated inside one quote; one sentence listing
casualties; one sentence listing many nouns separated by commas; ``on Monday`` repeated; and, for comparison,
plain news-like paragraphs. Every document is built at each size (default 10k / 50k / 200k characters) and
run through :func:`dateline.extract` with one :class:`~dateline.config.Config` (the pipeline is built once,
before the clock starts). The table gives seconds per 10k characters at each size and the ratio of the
largest size to the smallest: linear time keeps it flat (ratio about 1), a quadratic path makes it grow with
the size (20 from 10k to 200k). Exits 1 when a ratio exceeds ``--max-ratio``.

    python bench/adversarial.py [--sizes 10000 50000 200000] [--kinds quote paren ...] [--max-ratio 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

_PLAIN = (
    "Police fired tear gas at protesters in the capital on Tuesday, witnesses said. ",
    "At least two people were killed and 14 wounded when gunmen attacked a checkpoint near the border. ",
    "The interior ministry said security forces had arrested 30 suspects after the clashes. ",
    "\u201cWe will not leave until our demands are met,\u201d said one organiser, a teacher. ",
    "Government officials met opposition leaders in Geneva to discuss a ceasefire. ",
    "Rebels accused the army of shelling villages in the north, a charge the military denied. ",
)


def _fill(head: str, unit: str, tail: str, size: int) -> str:
    """``head`` + ``unit`` repeated + ``tail``, ``size`` characters long (the repetition cut to fit)."""
    body = max(0, size - len(head) - len(tail))
    return head + (unit * (body // len(unit) + 1))[:body] + tail


def _run_of(char: str) -> Callable[[int], str]:
    return lambda size: _fill("Police said the crowd shouted. ", char, " Then it dispersed.", size)


def _speech_cues(size: int) -> str:
    return _fill("The army came", ", he said", ".", size)


def _casualties(size: int) -> str:
    units = "".join(
        f"{n} people were killed in Town{n % 97}, {n + 3} were wounded in City{n % 89}, " for n in range(1, 40)
    )
    return _fill("Officials said that ", units, "and many more were missing.", size)


def _comma_list(size: int) -> str:
    nouns = "the soldiers, the rebels, the police officers, the civilians, the militants, the protesters, the farmers, "
    return _fill("The attack was condemned by ", nouns, "and doctors.", size)


def _dates(size: int) -> str:
    return _fill("Protesters will march in the capital", " on Monday", ".", size)


def _plain(size: int) -> str:
    paragraph = "".join(_PLAIN)
    return _fill("", paragraph + "\n\n", "", size).strip() + "."


KINDS: dict[str, Callable[[int], str]] = {
    "apostrophes": _run_of("'"),
    "parens": _run_of("("),
    "quotes": _run_of("\u201c"),
    "speech-cues": _speech_cues,
    "casualties": _casualties,
    "comma-list": _comma_list,
    "dates": _dates,
    "plain": _plain,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    parser.add_argument("--max-ratio", type=float, default=3.0, help="fail when largest/smallest exceeds this")
    args = parser.parse_args()

    import dateline
    from dateline.config import Config

    config = Config(published="2024-03-05", max_chars=max(args.sizes) + 1)
    dateline.extract(_plain(2_000), config=config)  # builds the pipeline (spaCy, KB, gazetteer) before timing

    sizes = sorted(args.sizes)
    header = f"{'kind':<12}" + "".join(f"{f'{s // 1000}k s/10k':>13}" for s in sizes) + f"{'ratio':>8}"
    print(header)
    failed = []
    for kind in args.kinds:
        per_10k = []
        for size in sizes:
            text = KINDS[kind](size)
            start = time.perf_counter()
            result = dateline.extract(text, config=config)
            if result.errors:  # a refused or failed document would time nothing
                sys.exit(f"{kind} at {size:,} characters: {result.errors[0].kind}: {result.errors[0].message}")
            per_10k.append((time.perf_counter() - start) / (len(text) / 10_000))
        ratio = per_10k[-1] / per_10k[0] if per_10k[0] > 0 else float("inf")
        if ratio > args.max_ratio:
            failed.append(kind)
        print(f"{kind:<12}" + "".join(f"{t:>13.3f}" for t in per_10k) + f"{ratio:>8.2f}", flush=True)
    if failed:
        print(f"ratio over {args.max_ratio}: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
