"""The cross-article merge and the HTTP API's main queries on synthetic stores of 10k, 100k and 1M events.

    python bench/merge.py [--sizes 10000 100000 1000000] [--keep DIR] [--shuffle] [--repeats 5]

For each size a store is built with ``Store(path)`` (the real schema and migrations) and filled by SQL inside
DuckDB (``range``, hash-based pseudo-random values, no Python loop over rows): one article per 8 events, among
300 sites (skewed), published over ten years (2015-2024) in storage order (``--shuffle``: articles stored in a
random order, so no zone map follows the dates); per article its places (5,000 GeoNames ids in 60 countries,
skewed so a few places are busy) and its actors (3,000 actor ids, 12 kinds, skewed); events of the 16 PLOVER
types (skewed), day-precise dates (``date_value``, ``date_first`` = ``date_last``), mostly asserted or reported,
an evidence sentence (actor, trigger, target, words of a small vocabulary, place, weekday) whose offsets point
into the article's text, a source and a target each (10 % of sources and 8 % of targets name no known actor, as
"gunmen" or "civilians" do), a casualty count on ASSAULTs. 27 % of events are reports of an incident that 2 to 5
articles tell (same type and place, day 0 or +1, a shared source or target actor unless a report names none, the
same polarity): the merge has real work, and busy places make chance pairs too. Every event has a resolved place
and a day, so every event takes part in the merge (in real stores about a third do): a worst case for it.
Times, quotes and errors stay empty; ``articles.result`` holds a valid result with the article only.

Then, each in a fresh process so its peak RSS is its own:

1. the merge, ``Store(path).cluster_events()``, once fresh, then once more after 1 % new (newest) articles are
   added to the merged store (a re-merge); its time, the checkpoint on close, the process's peak RSS (and its
   RSS before the merge), and DuckDB's own peak memory (``duckdb_memory()`` sampled every 20 ms);
2. the API's main queries through the real app, ``TestClient(create_app(db))`` (each request opens the store
   read-only, as the server does): the median of ``--repeats`` after one warm-up; and, as the floor of every
   request, the median time to open and close the store read-only.

Goals: the merge of 1M events under 5 minutes on 2 cores; each main query under 300 ms.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

MERGE_GOAL_S = 300.0  # for 1M events, 2 cores
QUERY_GOAL_MS = 300.0
EVENTS_PER_ARTICLE = 8
NEW_SHARE = 0.01  # articles added before the re-merge
DAYS = 3653  # 2015-01-01 .. 2024-12-31
N_PLACES = 5_000
N_ACTORS = 3_000
N_SITES = 300
SEARCH_WORD = "ceasefire"

# (ISO3, ISO2, name, lat, lon), busiest first: a place's country is drawn skewed to the top of the list.
_COUNTRY_TABLE = """
SYR SY    35   38.5 Syria
IRQ IQ    33     44 Iraq
UKR UA    49     32 Ukraine
AFG AF    34     66 Afghanistan
YEM YE  15.5   47.5 Yemen
PSE PS  31.9   35.2 Palestine
ISR IL  31.5   34.9 Israel
NGA NG     9      8 Nigeria
SDN SD    15     30 Sudan
SOM SO     5     46 Somalia
MLI ML    17     -4 Mali
COD CD    -3     23 DR Congo
PAK PK    30     70 Pakistan
RUS RU    56     38 Russia
MMR MM    21     96 Myanmar
ETH ET     9     39 Ethiopia
LBY LY    27     17 Libya
LBN LB  33.9   35.8 Lebanon
IRN IR    32     53 Iran
TUR TR    39     35 Turkey
IND IN    22     79 India
USA US    39    -98 United States
EGY EG    27     30 Egypt
BFA BF    12   -1.5 Burkina Faso
NER NE    17      9 Niger
CMR CM     6     12 Cameroon
SSD SS     7     30 South Sudan
CAF CF     7     21 Central African Republic
MOZ MZ   -18     35 Mozambique
KEN KE   0.5     38 Kenya
COL CO     4    -73 Colombia
MEX MX    23   -102 Mexico
VEN VE     7    -66 Venezuela
BRA BR   -10    -52 Brazil
CHN CN    35    105 China
PHL PH    12    122 Philippines
THA TH    15    101 Thailand
IDN ID    -2    118 Indonesia
BGD BD    24     90 Bangladesh
LKA LK   7.9   80.7 Sri Lanka
GBR GB    54     -2 United Kingdom
FRA FR    46      2 France
DEU DE    51     10 Germany
BLR BY    53     28 Belarus
GEO GE    42   43.5 Georgia
ARM AM    40     45 Armenia
AZE AZ  40.5   47.5 Azerbaijan
SAU SA    24     45 Saudi Arabia
JOR JO    31     36 Jordan
KOR KR    36    128 South Korea
PRK KP    40    127 North Korea
JPN JP    36    138 Japan
HTI HT    19  -72.5 Haiti
PER PE   -10    -76 Peru
CHL CL   -30    -71 Chile
ARG AR   -34    -64 Argentina
ZAF ZA   -29     24 South Africa
ZWE ZW   -19     30 Zimbabwe
TCD TD    15     19 Chad
HND HN    15  -86.5 Honduras
"""
COUNTRIES = [
    (iso3, iso2, name, float(lat), float(lon))
    for iso3, iso2, lat, lon, name in (line.split(maxsplit=4) for line in _COUNTRY_TABLE.strip().splitlines())
]

# Share (in %) of each PLOVER type among events, and three trigger words each.
TYPES = {
    "ASSAULT": (18, ("killed", "attacked", "shelled")),
    "CONSULT": (14, ("met", "visited", "hosted")),
    "ACCUSE": (9, ("accused", "blamed", "condemned")),
    "COERCE": (8, ("arrested", "detained", "raided")),
    "PROTEST": (7, ("protested", "marched", "rallied")),
    "REQUEST": (7, ("urged", "asked", "appealed")),
    "SUPPORT": (6, ("backed", "praised", "endorsed")),
    "AGREE": (5, ("agreed", "signed", "pledged")),
    "COOPERATE": (5, ("cooperated", "partnered", "joined")),
    "THREATEN": (4, ("threatened", "warned", "vowed")),
    "REJECT": (4, ("rejected", "refused", "dismissed")),
    "AID": (4, ("aided", "supplied", "funded")),
    "MOBILIZE": (3, ("deployed", "mobilized", "massed")),
    "SANCTION": (2, ("sanctioned", "banned", "expelled")),
    "RETREAT": (2, ("withdrew", "released", "resigned")),
    "CONCEDE": (2, ("conceded", "yielded", "apologized")),
}
# Factuality of a report (in %); an incident is negated in all its reports (2 % of incidents), never in some.
FACTUALITY = {"asserted": 56, "reported": 33, "hedged": 6, "future": 3, "hypothetical": 2}
NEGATED_PCT = 2
# How the 5 articles of a block tell the incident of one event slot: each row's incident is that of the row
# named here (itself: a report of its own). Weights in %: 27 % of events are reports of a 2-5-article incident.
PATTERNS = {
    (0, 1, 2, 3, 4): 58,
    (0, 0, 2, 3, 4): 16,
    (0, 0, 2, 2, 4): 9,
    (0, 0, 0, 3, 4): 7,
    (0, 0, 0, 3, 3): 4,
    (0, 0, 0, 0, 4): 4,
    (0, 0, 0, 0, 0): 2,
}
BLOCK = 5
KINDS = [
    ("government", "Government"), ("military", "Army"), ("police", "Police"), ("rebels", "Front"),
    ("terrorist-group", "Brigade"), ("party", "Party"), ("organization", "Foundation"), ("media", "News Agency"),
    ("igo", "Council"), ("protesters", "Movement"), ("civilians", "Residents"), ("person", ""),
]  # fmt: skip
SYLLABLES = [
    "al", "ba", "dar", "ka", "mo", "ri", "sha", "tan", "ur", "zu", "el", "khan", "bad", "pur", "gor", "lin", "vo",
    "nek", "sa", "mir", "ta", "ha", "ol", "ne", "ki", "ra", "bu", "dis", "ye", "fa",
]  # fmt: skip
FIRST = ["Ahmed", "Maria", "John", "Olena", "Ali", "Fatima", "Ivan", "Amina", "David", "Chen", "Sara", "Omar"]
LAST = ["Hassan", "Petrenko", "Smith", "Diallo", "Kumar", "Haddad", "Ivanova", "Okafor", "Garcia", "Nasser", "Li"]
SITE_A = ["daily", "global", "city", "national", "free", "new", "evening", "morning", "world", "capital", "united",
          "central"]  # fmt: skip
SITE_B = ["times", "post", "herald", "tribune", "news", "wire", "observer", "journal", "gazette", "monitor", "star",
          "sun", "mail", "express", "press", "chronicle", "courier", "reporter", "record", "echo", "voice", "standard",
          "guardian", "review", "telegraph"]  # fmt: skip
VOCABULARY = [
    "officials", "said", "the", "attack", "near", "border", "village", "town", "city", "district", "province",
    "region", "capital", "after", "before", "during", "overnight", "morning", "evening", "week", "talks", "ceasefire",
    "agreement", "convoy", "checkpoint", "forces", "troops", "militants", "police", "protesters", "residents",
    "workers", "students", "leaders", "ministers", "delegation", "envoy", "government", "opposition", "parliament",
    "election", "vote", "court", "prison", "camp", "market", "hospital", "school", "mosque", "church", "bridge",
    "road", "airport", "port", "oil", "gas", "water", "aid", "food", "fuel", "prices", "strike", "curfew", "sanctions",
    "embargo", "negotiations", "summit", "statement", "spokesman", "witnesses", "reporters", "local", "international",
    "security", "military", "civilian", "armed", "rebel", "group", "allies", "neighbouring", "northern", "southern",
    "eastern", "western", "central", "rural", "urban", "dozens", "hundreds", "several", "many", "some", "two", "three",
    "four", "five", "amid", "tensions", "fighting", "clashes", "violence", "unrest", "crisis", "deal", "plan",
    "demands", "rights"
]  # fmt: skip
# What a report says of a side it names no known actor for.
UNKNOWN_SOURCES = ["gunmen", "unidentified attackers", "a suicide bomber", "security forces", "officials", "a group"]
UNKNOWN_TARGETS = ["civilians", "residents", "several people", "a convoy", "two villages", "the crowd"]


def _list(values) -> str:
    """A SQL list literal of strings or numbers."""
    return "[" + ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values) + "]"


def _weighted(weights: dict) -> str:
    """A SQL list of 100 values, each repeated its weight in %: index it with ``1 + hash % 100``."""
    assert sum(weights.values()) == 100, weights
    out = []
    for value, weight in weights.items():
        out += [list(value) if isinstance(value, tuple) else value] * weight
    return "[" + ", ".join(_list(v) if isinstance(v, list) else f"'{v}'" for v in out) + "]"


# A pseudo-random number in [0, 1) from a key and a salt.
_U = "CREATE OR REPLACE TEMP MACRO u(k, salt) AS hash(k, salt) / 18446744073709551616.0"
_PICK = "CREATE OR REPLACE TEMP MACRO pick(k, salt, n) AS (hash(k, salt) % n)::INTEGER"


def _catalogue(con) -> None:
    """Temp tables of countries, places, actors and triggers the events draw from."""
    assert len(COUNTRIES) == 60
    rows = ", ".join(f"({i}, '{c[0]}', '{c[1]}', '{c[2]}', {c[3]}, {c[4]})" for i, c in enumerate(COUNTRIES))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _countries AS SELECT * FROM (VALUES {rows}) t(cidx, iso3, iso2, name, lat, lon)"
    )
    syl = _list(SYLLABLES)
    word = (
        "upper({s}[1 + pick(i, '{k}1', {n})][1]) || {s}[1 + pick(i, '{k}1', {n})][2:] || {s}[1 + pick(i, '{k}2', {n})]"
        " || CASE WHEN u(i, '{k}3') < 0.5 THEN {s}[1 + pick(i, '{k}3', {n})] ELSE '' END"
    )
    place_name = word.format(s=syl, k="pn", n=len(SYLLABLES))
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _places AS
        SELECT i AS pidx, 100000 + i * 1009 AS geonameid, {place_name} AS name, c.iso3 AS country, c.iso2,
            'Region ' || pick(i, 'adm', 12) AS admin1, lpad((pick(i, 'adm', 12) + 1)::VARCHAR, 2, '0') AS admin1_code,
            round(c.lat + (u(i, 'lat') - 0.5) * 6, 4) AS lat, round(c.lon + (u(i, 'lon') - 0.5) * 6, 4) AS lon,
            CASE WHEN i % 97 = 0 THEN 'PPLC' WHEN i % 7 = 0 THEN 'PPLA' ELSE 'PPL' END AS feature_code
        FROM range({N_PLACES}) t(i)
        JOIN _countries c  -- the 200 busiest places in the 15 busiest countries
            ON c.cidx = least(59, floor(60 * pow(u(i, 'country') * CASE WHEN i < 200 THEN 0.5 ELSE 1 END, 2)))
    """)  # fmt: skip
    kinds = ", ".join(f"({i}, '{k}', '{label}')" for i, (k, label) in enumerate(KINDS))
    actor_word = word.format(s=syl, k="an", n=len(SYLLABLES))
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _actors AS
        SELECT i AS aidx, lower(c.iso3) || '-' || k.kind || '-' || i AS actor_id, k.kind, c.iso3 AS country,
            CASE WHEN k.kind = 'person' THEN {_list(FIRST)}[1 + pick(i, 'first', {len(FIRST)})] || ' '
                    || {_list(LAST)}[1 + pick(i, 'last', {len(LAST)})]
                 WHEN k.kind IN ('government', 'military', 'police') THEN c.name || ' ' || k.label
                 ELSE {actor_word} || ' ' || k.label END AS name
        FROM range({N_ACTORS}) t(i)
        JOIN _countries c ON c.cidx = least(59, floor(60 * pow(u(i, 'acountry'), 2)))
        JOIN (VALUES {kinds}) k(kidx, kind, label) ON k.kidx = pick(i, 'kind', {len(KINDS)})
    """)  # fmt: skip
    triggers = ", ".join(f"('{t}', {j}, '{w}')" for t, (_, words) in TYPES.items() for j, w in enumerate(words))
    con.execute(f"CREATE OR REPLACE TEMP TABLE _triggers AS SELECT * FROM (VALUES {triggers}) t(type, k, word)")


def _events_sql(a0: int, a1: int, n_articles: int) -> str:
    """One row per event of articles [a0, a1): the incident it reports, its drawn values and its evidence."""
    types = _weighted({t: w for t, (w, _) in TYPES.items()})
    facts = _weighted(FACTUALITY)
    patterns = _weighted(PATTERNS)
    vocab = _list(VOCABULARY)
    skewed = "least({n} - 1, floor({n} * pow(u({k}, '{salt}'), 2.5)))::INTEGER"
    return f"""
    WITH slot AS (
        SELECT a, s, a // {BLOCK} AS b, a % {BLOCK} AS r, a * {EVENTS_PER_ARTICLE} + s AS ev
        FROM range({a0}, {a1}) t(a) CROSS JOIN range({EVENTS_PER_ARTICLE}) v(s)
    ),
    inc AS (
        SELECT *, r - lr AS j, (b * {BLOCK} + lr) * {EVENTS_PER_ARTICLE} + s AS inc, b * {BLOCK} + lr AS lead_a
        FROM (SELECT *, {patterns}[1 + pick(b * {EVENTS_PER_ARTICLE} + s, 'pattern', 100)][r + 1] AS lr FROM slot)
    ),
    drawn AS (
        SELECT ev, a, s, j, inc,
            {types}[1 + pick(inc, 'type', 100)] AS type,
            {skewed.format(n=N_PLACES, k="inc", salt="place")} AS pidx,
            DATE '2015-01-01' + (lead_a * {DAYS} // {n_articles})::INTEGER - pick(inc, 'lag', 3)
                + CASE WHEN j > 0 THEN pick(ev, 'late', 2) ELSE 0 END AS day,
            CASE WHEN pick(inc, 'negated', 100) < {NEGATED_PCT} THEN 'negated'
                 ELSE {facts}[1 + pick(ev, 'factuality', 100)] END AS factuality,
            pick(inc, 'side', 10) < 9 AS share_source,
            {skewed.format(n=N_ACTORS, k="inc", salt="src")} AS inc_src,
            {skewed.format(n=N_ACTORS, k="inc", salt="tgt")} AS inc_tgt,
            {skewed.format(n=N_ACTORS, k="ev", salt="src")} AS own_src,
            {skewed.format(n=N_ACTORS, k="ev", salt="tgt")} AS own_tgt,
            least({N_ACTORS} - 1, floor({N_ACTORS} * pow(u(ev, 'speaker'), 3)))::INTEGER AS spk,
            u(ev, 'unknown_source') < 0.10 AS unknown_source,
            u(ev, 'unknown') < 0.08 AS unknown_target,
            u(ev, 'keep') < 0.5 AS keep_target,
            pick(ev, 'trigger', 3) AS trig,
            array_to_string(list_transform(range(4 + pick(ev, 'n_words', 9)),
                lambda w: {vocab}[1 + pick(ev, w, {len(VOCABULARY)})]), ' ') AS words,
            round(0.4 + 0.55 * u(ev, 'confidence'), 2) AS confidence,
            (1 + pick(inc, 'killed', 30) + CASE WHEN pick(ev, 'differ', 4) = 0 THEN pick(ev, 'by', 5) ELSE 0 END)
                AS killed
        FROM inc
    ),
    sides AS (
        SELECT *,
            CASE WHEN unknown_source THEN NULL WHEN j = 0 OR share_source THEN inc_src ELSE own_src END AS src_idx,
            CASE WHEN share_source AND unknown_target THEN NULL
                 WHEN j = 0 OR NOT share_source OR keep_target THEN inc_tgt ELSE own_tgt END AS tgt_idx
        FROM drawn
    ),
    named AS (
        SELECT d.*, substr(md5('a' || d.a), 1, 16) AS article_id, substr(md5('e' || d.ev), 1, 16) AS event_id,
            p.geonameid, p.name AS place_name, p.country, sa.actor_id AS src_id,
            coalesce(sa.name, {_list(UNKNOWN_SOURCES)}[1 + pick(d.ev, 'unnamed', {len(UNKNOWN_SOURCES)})]) AS src_text,
            ta.actor_id AS tgt_id,
            coalesce(ta.name, {_list(UNKNOWN_TARGETS)}[1 + pick(d.ev, 'who', {len(UNKNOWN_TARGETS)})]) AS tgt_text,
            tr.word AS trigger_text, strftime(d.day, '%A') AS weekday,
            CASE WHEN d.factuality = 'reported' THEN sp.actor_id END AS speaker_actor,
            CASE WHEN d.factuality = 'reported' THEN sp.name END AS speaker_text
        FROM sides d
        JOIN _places p USING (pidx)
        LEFT JOIN _actors sa ON sa.aidx = d.src_idx
        LEFT JOIN _actors ta ON ta.aidx = d.tgt_idx
        JOIN _actors sp ON sp.aidx = d.spk
        JOIN _triggers tr ON tr.type = d.type AND tr.k = d.trig
    ),
    spans AS (  -- offsets inside the evidence sentence
        SELECT *,
            length(src_text) + 1 AS o_trigger,
            length(src_text) + length(trigger_text) + 2 AS o_target,
            length(src_text) + length(trigger_text) + length(tgt_text) + length(words) + 7 AS o_place,
            length(src_text) + length(trigger_text) + length(tgt_text) + length(words) + length(place_name) + 11
                AS o_date,
            src_text || ' ' || trigger_text || ' ' || tgt_text || ' ' || words || ' in ' || place_name || ' on '
                || weekday || CASE WHEN speaker_text IS NOT NULL THEN ', ' || speaker_text || ' said' ELSE '' END
                || '.' AS evidence_text
        FROM named
    )
    SELECT *, sum(length(evidence_text) + 1) OVER (PARTITION BY a ORDER BY s) - length(evidence_text) - 1
        AS ev_start
    FROM spans
    """


def _fill(con, a0: int, a1: int, n_articles: int, shuffle: bool) -> None:
    """Insert the articles [a0, a1) and their places, actors, events, participants and casualties."""
    from dateline.model import SCHEMA_VERSION

    con.execute(f"CREATE OR REPLACE TEMP TABLE _e AS {_events_sql(a0, a1, n_articles)}")

    def order(alias: str = "") -> str:
        return f"hash({alias}a, 'order'), {alias}a" if shuffle else f"{alias}a"

    site = f"{_list(SITE_A)}[1 + sidx // {len(SITE_B)}] || {_list(SITE_B)}[1 + sidx % {len(SITE_B)}] || '.com'"
    con.execute(f"""
        INSERT INTO articles
            (id, url, source, site, title, authors, published, published_basis, dateline_place, dateline_date,
             dateline_value, dateline_geonameid, language, text, n_errors, ingested_at, schema_version, result)
        WITH art AS (
            SELECT a, article_id AS id, string_agg(evidence_text, ' ' ORDER BY s) AS text,
                arg_min(src_text || ' ' || trigger_text || ' ' || tgt_text || ' in ' || place_name, s) AS title,
                arg_min(place_name, s) AS place, arg_min(geonameid, s) AS geonameid,
                DATE '2015-01-01' + (a * {DAYS} // {n_articles})::INTEGER AS day,
                least({N_SITES} - 1, floor({N_SITES} * pow(u(a, 'site'), 1.8)))::INTEGER AS sidx
            FROM _e GROUP BY a, article_id
        ),
        full_art AS (
            SELECT *, {site} AS site, 'https://' || {site} || '/news/' || id AS url,
                strftime(day, '%Y-%m-%d') AS published
            FROM art
        )
        SELECT id, url, url, site, title, [{_list(FIRST)}[1 + pick(a, 'author', {len(FIRST)})] || ' '
                || {_list(LAST)}[1 + pick(a, 'author2', {len(LAST)})]],
            published, 'metadata', upper(place), strftime(day, '%b. %-d, %Y'), published, geonameid, 'en', text, 0,
            TIMESTAMP '2025-01-01' + to_seconds(a), '{SCHEMA_VERSION}',
            json_object('schema_version', '{SCHEMA_VERSION}', 'article', json_object('id', id, 'url', url,
                'source', url, 'site', site, 'title', title, 'published', published, 'language', 'en', 'text', text))
        FROM full_art ORDER BY {order()}
    """)  # fmt: skip
    con.execute(f"""
        INSERT INTO places (article_id, place_key, geonameid, name, feature_class, feature_code, country_iso2,
            country, admin1, admin1_code, lat, lon, resolved, mentions, n_mentions, confidence, reason, actor_mentions)
        SELECT e.article_id, p.geonameid::VARCHAR, p.geonameid, p.name, 'P', p.feature_code, p.iso2, p.country,
            p.admin1, p.admin1_code, p.lat, p.lon, true,
            to_json(list({{'start': e.ev_start + e.o_place, 'end': e.ev_start + e.o_place + length(p.name),
                          'text': p.name}} ORDER BY e.s)),
            count(*), 0.9, ['gazetteer', 'syntax'], '[]'
        FROM _e e JOIN _places p USING (pidx)
        GROUP BY e.a, e.article_id, p.geonameid, p.name, p.feature_code, p.iso2, p.country, p.admin1, p.admin1_code,
            p.lat, p.lon
        ORDER BY {order("e.")}
    """)  # fmt: skip
    con.execute(f"""
        INSERT INTO actors (article_id, actor_id, name, kind, country, role, affiliation, cameo, wikidata, known,
            aliases, mentions, n_mentions, confidence)
        WITH m AS (
            SELECT a, s, article_id, src_id AS actor_id, ev_start AS start_char, src_text AS text FROM _e
            WHERE src_id IS NOT NULL
            UNION ALL
            SELECT a, s, article_id, tgt_id, ev_start + o_target, tgt_text FROM _e WHERE tgt_id IS NOT NULL
        )
        SELECT m.article_id, m.actor_id, x.name, x.kind, x.country, NULL, NULL, NULL, NULL, true, [x.name],
            to_json(list({{'start': m.start_char, 'end': m.start_char + length(m.text), 'text': m.text}}
                ORDER BY m.s, m.start_char)),
            count(*), 0.85
        FROM m JOIN _actors x USING (actor_id)
        GROUP BY m.a, m.article_id, m.actor_id, x.name, x.kind, x.country
        ORDER BY {order("m.")}
    """)  # fmt: skip
    con.execute(f"""
        INSERT INTO events (article_id, event_id, type, mode, cameo, place_geonameid, place_name, place_start,
            place_end, place_text, place_precision, place_reason, date_value, date_granularity, date_basis,
            date_start, date_end, date_text, trigger_start, trigger_end, trigger_text, evidence_start, evidence_end,
            evidence_text, speaker_actor, speaker_start, speaker_end, speaker_text, medium, quote_id, outlet,
            cited_sources, factuality, factuality_cue_start, factuality_cue_end, factuality_cue_text, confidence,
            merged_articles, mentions, factuality_scope_start, factuality_scope_end, factuality_scope_text, reason,
            date_first, date_last)
        SELECT article_id, event_id, type, NULL, NULL, geonameid, place_name, ev_start + o_place,
            ev_start + o_place + length(place_name), place_name, 2, 'syntax;in', strftime(day, '%Y-%m-%d'), 'day',
            'text', ev_start + o_date, ev_start + o_date + length(weekday), weekday,
            ev_start + o_trigger, ev_start + o_trigger + length(trigger_text), trigger_text,
            ev_start, ev_start + length(evidence_text), evidence_text,
            speaker_actor, CASE WHEN speaker_text IS NOT NULL THEN ev_start + length(evidence_text) - 6
                - length(speaker_text) END,
            CASE WHEN speaker_text IS NOT NULL THEN ev_start + length(evidence_text) - 6 END, speaker_text,
            NULL, NULL, NULL, '[]', factuality, NULL, NULL, NULL, confidence, []::VARCHAR[],
            to_json([{{'start': ev_start + o_trigger, 'end': ev_start + o_trigger + length(trigger_text),
                      'text': trigger_text}}]),
            NULL, NULL, NULL, ['source:subject', 'target:object', 'model:' || type || ':' || confidence], day, day
        FROM _e ORDER BY {order()}, s
    """)  # fmt: skip
    con.execute(f"""
        INSERT INTO event_actors (article_id, event_id, role, idx, actor_id, span_start, span_end, span_text)
        SELECT article_id, event_id, role, 0, actor_id, span_start, span_start + length(span_text), span_text
        FROM (
            SELECT a, s, article_id, event_id, 'source' AS role, src_id AS actor_id, ev_start AS span_start,
                src_text AS span_text FROM _e
            UNION ALL
            SELECT a, s, article_id, event_id, 'target', tgt_id, ev_start + o_target, tgt_text FROM _e
        ) ORDER BY {order()}, s, role
    """)  # fmt: skip
    con.execute(f"""
        INSERT INTO casualties (article_id, event_id, idx, kind, low, high, qualifier, who, actor_id, span_start,
            span_end, span_text, confidence)
        SELECT article_id, event_id, 0, 'killed', killed, NULL, CASE WHEN pick(ev, 'q', 3) = 0 THEN 'at-least' END,
            'people', tgt_id, ev_start + o_trigger, ev_start + o_target + length(tgt_text),
            substr(evidence_text, o_trigger + 1, o_target + length(tgt_text) - o_trigger), 0.9
        FROM _e WHERE type = 'ASSAULT' ORDER BY {order()}, s
    """)  # fmt: skip
    con.execute("DROP TABLE _e")


def _planted(n_articles: int) -> int:
    """How many incidents the store's articles tell in 2 articles or more (what a perfect merge finds at least)."""
    import duckdb

    con = duckdb.connect()
    con.execute(_U)
    con.execute(_PICK)
    patterns = _weighted(PATTERNS)
    return con.execute(f"""
        SELECT count(*) FROM (
            SELECT 1 FROM (
                SELECT b, s, {patterns}[1 + pick(b * {EVENTS_PER_ARTICLE} + s, 'pattern', 100)][r + 1] AS lr
                FROM (SELECT a // {BLOCK} AS b, a % {BLOCK} AS r FROM range({n_articles}) t(a)),
                    range({EVENTS_PER_ARTICLE}) v(s)
            ) GROUP BY b, s, lr HAVING count(*) > 1
        )
    """).fetchone()[0]  # fmt: skip


# -- the steps, each run in a fresh process ------------------------------------------------------------------


def build(path: str, a0: int, a1: int, n_articles: int, shuffle: bool) -> dict:
    """Create (or extend) the store with articles [a0, a1) of ``n_articles``."""
    from dateline.store import Store

    start = time.perf_counter()
    with Store(path) as store:
        con = store.connection
        con.execute(_U)
        con.execute(_PICK)
        _catalogue(con)
        con.execute("BEGIN TRANSACTION")
        _fill(con, a0, a1, n_articles, shuffle)
        con.execute("COMMIT")
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"seconds": time.perf_counter() - start, "events": events}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def merge(path: str) -> dict:
    """``Store(path).cluster_events()`` with its time, the close's, the peak RSS and DuckDB's peak memory."""
    from dateline.store import Store

    store = Store(path)
    rss_before = _rss_mb()
    probe = store.connection.cursor()
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            used = probe.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] or 0
            peak[0] = max(peak[0], used)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    clusters = store.cluster_events()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    probe.close()
    start = time.perf_counter()
    store.close()
    closing = time.perf_counter() - start
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "close": closing,
        "clusters": clusters,
        "rss_before": rss_before,
        "peak_rss": peak_rss,
        "duckdb_peak": peak[0] / 2**20,
    }


def stats(path: str) -> dict:
    from dateline.store import Store

    with Store(path, read_only=True) as store:
        con = store.connection
        row = con.execute("""
            SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
                (SELECT count(*) FROM event_clusters WHERE n_articles > 1),
                (SELECT max(n_articles) FROM event_clusters),
                (SELECT count(*) FROM events e JOIN places p
                    ON p.article_id = e.article_id AND p.geonameid = e.place_geonameid
                    WHERE p.country = 'IRQ' AND e.date_first BETWEEN DATE '2019-03-01' AND DATE '2019-03-31')
        """).fetchone()  # fmt: skip
        # an event of a 3-article cluster for the detail page (its other reports are listed with it)
        sample = (
            con.execute(
                "SELECT article_id, event_id FROM event_clusters WHERE n_articles >= 3 ORDER BY cluster_id LIMIT 1"
            ).fetchone()
            or con.execute("SELECT article_id, event_id FROM events ORDER BY event_id LIMIT 1").fetchone()
        )
    size = Path(path).stat().st_size / 2**20
    keys = ("articles", "events", "clustered_events", "largest_cluster", "irq_march_2019")
    return {**dict(zip(keys, row, strict=True)), "sample": sample, "size_mb": size}


def queries(sample: tuple[str, str]) -> list[tuple[str, str]]:
    month = "date_from=2019-03-01&date_to=2019-03-31"
    return [
        ("events: country + month", f"/api/events?country=IRQ&{month}"),
        ("events: no filter (page load)", "/api/events"),
        ("aggregates: month x type", "/api/aggregates?by=month&group=type"),
        ("aggregates: month x type, country", "/api/aggregates?by=month&group=type&country=IRQ"),
        ("geojson: country + month", f"/api/geojson?country=IRQ&{month}"),
        ("graph", "/api/graph"),
        ("clusters: min_outlets=2", "/api/clusters?min_outlets=2"),
        ("event detail", f"/api/events/{sample[0]}/{sample[1]}"),
        (f"events: text search q={SEARCH_WORD}", f"/api/events?q={SEARCH_WORD}"),
        ("actors", "/api/actors"),
    ]


def time_queries(path: str, sample: tuple[str, str], repeats: int) -> dict[str, float]:
    """Median milliseconds of each main query through the real app, after one warm-up."""
    from fastapi.testclient import TestClient

    from dateline.serve import create_app

    client = TestClient(create_app(path))
    out = {}
    for name, url in queries(sample):
        times = []
        for i in range(repeats + 1):
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
            if i:
                times.append(elapsed)
        out[name] = 1000 * statistics.median(times)
    return out


def time_open(path: str, repeats: int) -> float:
    """Median milliseconds to open and close the store read-only, as the server does for every request."""
    from dateline.store import Store

    times = []
    for i in range(repeats + 1):
        start = time.perf_counter()
        Store(path, read_only=True).close()
        if i:
            times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def _in_child(fn, *args):
    """Run ``fn(*args)`` in a fresh process (spawned: nothing inherited), for its own peak RSS."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, *args).result()


def run_size(n_events: int, folder: Path, args: argparse.Namespace) -> dict:
    path = folder / f"merge-{n_events}.duckdb"
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    n_base = -(-n_events // EVENTS_PER_ARTICLE)
    n_articles = n_base + max(1, round(n_base * NEW_SHARE))

    def log(text: str) -> None:
        print(f"[{n_events:,}] {text}", file=sys.stderr, flush=True)

    built = _in_child(build, str(path), 0, n_base, n_articles, args.shuffle)
    log(f"built {built['events']:,} events in {built['seconds']:.1f} s")
    fresh = _in_child(merge, str(path))
    log(f"fresh merge {fresh['seconds']:.1f} s, {fresh['clusters']:,} clusters, peak RSS {fresh['peak_rss']:.0f} MB")
    added = _in_child(build, str(path), n_base, n_articles, n_articles, args.shuffle)
    log(f"added {added['events'] - built['events']:,} events in {added['seconds']:.1f} s")
    again = _in_child(merge, str(path))
    log(f"re-merge {again['seconds']:.1f} s, {again['clusters']:,} clusters, peak RSS {again['peak_rss']:.0f} MB")
    info = _in_child(stats, str(path))
    times = time_queries(str(path), info["sample"], args.repeats)
    opening = time_open(str(path), args.repeats)
    log("queries (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in times.items()))
    return {
        "events": built["events"],
        "events_after": added["events"],
        "build": built["seconds"] + added["seconds"],
        "planted": _planted(n_articles),
        "fresh": fresh,
        "again": again,
        "info": info,
        "queries": times,
        "open": opening,
    }


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def report(results: dict[int, dict]) -> None:
    print("\nstores (synthetic; 1 % newest articles added before the re-merge)")
    print(f"{'size':>6} {'events':>10} {'+new':>7} {'articles':>9} {'MB':>7} {'build s':>8} {'planted':>9} "
          f"{'clustered ev':>13} {'largest':>8} {'IRQ 2019-03':>12}")  # fmt: skip
    for n, r in results.items():
        i = r["info"]
        print(f"{_label(n):>6} {r['events']:>10,} {r['events_after'] - r['events']:>7,} {i['articles']:>9,} "
              f"{i['size_mb']:>7.0f} {r['build']:>8.1f} {r['planted']:>9,} {i['clustered_events']:>13,} "
              f"{i['largest_cluster']:>8} {i['irq_march_2019']:>12,}")  # fmt: skip
    print("  planted: incidents told by 2-5 articles; clustered ev: events in a multi-article cluster after re-merge")

    print(f"\nmerge: Store(path).cluster_events()   goal: 1M events < {MERGE_GOAL_S:.0f} s on 2 cores")
    print(f"{'size':>6} {'step':<9} {'seconds':>8} {'close s':>8} {'clusters':>9} {'RSS before MB':>14} "
          f"{'peak RSS MB':>12} {'DuckDB peak MB':>15}  goal")  # fmt: skip
    for n, r in results.items():
        for step, m in (("fresh", r["fresh"]), ("re-merge", r["again"])):
            goal = ""
            if n >= 1_000_000:
                goal = f"{'ok' if m['seconds'] <= MERGE_GOAL_S * n / 1_000_000 else 'OVER'} (< {MERGE_GOAL_S:.0f} s)"
            print(f"{_label(n):>6} {step:<9} {m['seconds']:>8.1f} {m['close']:>8.1f} {m['clusters']:>9,} "
                  f"{m['rss_before']:>14.0f} {m['peak_rss']:>12.0f} {m['duckdb_peak']:>15.0f}  {goal}")  # fmt: skip

    sizes = list(results)
    names = list(next(iter(results.values()))["queries"])
    print(f"\nAPI queries through create_app (TestClient), median ms   goal: each < {QUERY_GOAL_MS:.0f} ms")
    print(f"{'query':<38}" + "".join(f"{_label(n):>10}" for n in sizes) + "  goal")
    slow = []
    for name in names:
        cells = ""
        for n in sizes:
            ms = results[n]["queries"][name]
            over = ms > QUERY_GOAL_MS
            if over:
                slow.append(f"{name} at {_label(n)}: {ms:,.0f} ms")
            cells += f"{f'{ms:,.0f}' + ('!' if over else ' '):>10}"
        print(f"{name:<38}{cells}  < {QUERY_GOAL_MS:.0f} ms")
    opening = "".join(f"{results[n]['open']:>9,.0f} " for n in sizes)
    print(f"{'(in each: open + close the store)':<38}{opening}")
    over_merge = [
        f"{step} merge at {_label(n)}: {m['seconds']:.0f} s"
        for n, r in results.items()
        if n >= 1_000_000
        for step, m in (("fresh", r["fresh"]), ("re-", r["again"]))
        if m["seconds"] > MERGE_GOAL_S * n / 1_000_000
    ]
    print("\nover goal: " + ("; ".join(over_merge + slow) if over_merge or slow else "none"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--keep", type=Path, default=None, help="build the stores in this folder and keep them")
    parser.add_argument("--shuffle", action="store_true", help="store the articles in a random order, not by date")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each query (after one warm-up)")
    args = parser.parse_args()
    assert SEARCH_WORD in VOCABULARY

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep
    else:
        folder = Path(tempfile.mkdtemp(prefix="dateline-merge-bench-"))
    try:
        results = {n: run_size(n, folder, args) for n in sorted(args.sizes)}
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report(results)


if __name__ == "__main__":
    main()
