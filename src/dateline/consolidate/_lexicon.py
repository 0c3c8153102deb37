"""The consolidate stage's words and weights: data only, read by ``_merge`` and ``_denials``."""

from __future__ import annotations

from ..lexicon import word_set

# Each further independent voice telling the same event raises its confidence by this share.
CORROBORATION_BONUS = 0.15
# Denials that correct one's own claim ("retracted its report"), not an answer to an accusation.
RETRACTING = word_set("retract withdraw")
# Objects of a denial that show it answers an accusation: "dismissed reports of a second explosion".
ACCUSATION_NOUNS = word_set("report claim accusation allegation charge suggestion")
# Determiners that make an event noun refer back to an incident already told ("the attack", "these arrests").
ANAPHORIC_DETERMINERS = word_set("the this that these those")
# Factuality values of an incident that has not happened (by the report's time): it takes no date from the dateline
# or the publication day, which only date what did happen ("will meet", "could attack", "did not arrest anyone").
UNREALISED = frozenset(["future", "hypothetical", "negated"])
# EventDate bases that are the report's own date rather than a time the text gives for the incident.
REPORT_DATE_BASES = frozenset(["dateline", "published"])
# EventPlace reasons (the first ";"-part) for a place borrowed from the context rather than the mention's own words.
BORROWED_PLACE_REASONS = frozenset(["seat", "paragraph", "article", "dateline"])
# How many of the latest incidents of a type a mention may refer back to: salience fades, and a news article
# retells an incident within far fewer; it keeps the search linear on a list of hundreds.
SALIENT_INCIDENTS = 30
# A first paragraph of one sentence this short, before the body, is a headline (it sums up the body's acts).
HEADLINE_WORDS = 30
# Singular nouns that describe a person by nothing but being one ("a Lyon man", "a 19-year-old suspect"): the least a
# text says of someone, so such a party may be one person the article names or describes more fully.
SOMEONE = word_set("man woman person boy girl teen teenager youth suspect")
# Adverbs that presuppose another occasion or another party of the same act ("police also arrested", "attacked
# again"): the mention they modify tells a further incident, not the earlier one retold.
ADDITIVE = word_set("also too again likewise")
