"""The consolidate stage's words and weights: data only, read by ``_merge`` and ``_denials``."""

from __future__ import annotations

from ..lexicon import word_set

# Each further independent voice telling the same event raises its confidence by this share.
CORROBORATION_BONUS = 0.15
# Denials that correct one's own claim ("retracted its report"), not an answer to an accusation.
RETRACTING = word_set("retract withdraw")
# Objects of a denial that show it answers an accusation: "dismissed reports of a second explosion".
ACCUSATION_NOUNS = word_set("report claim accusation allegation charge suggestion")
