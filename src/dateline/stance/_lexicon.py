"""The stance stage's cue lexicon: one place for every word that changes an event's factuality.

Data only (lower-case forms or lemmas); the rules that read them are in ``_factuality`` and ``_attribution``.
The verbs of denial are shared with the consolidate stage: ``dateline.lexicon.DENIAL_VERBS``.
"""

from __future__ import annotations

from ..lexicon import ASSERTING_VERBS, SAYING_VERBS, UNREAL_AUX, word_set
from ..lexicon import FUTURE_AUX as SHARED_FUTURE_AUX

HEDGE_WORDS = word_set(
    "possible possibly may might could perhaps probably likely unlikely reportedly allegedly alleged apparent "
    "apparently unclear uncertain unconfirmed suspected purported purportedly potential rumoured rumored "
    "presumably seemingly"
)
HEDGE_VERBS = word_set("suspect believe appear seem suggest speculate rumour rumor allege fear")
# Passive raising verbs of report or opinion: "is thought to be hiding", "is said to have fled".
RAISING_VERBS = word_set("think say report believe consider understand")
# Nouns of suspicion: "arrested on suspicion of plotting an attack".
SUSPICION_NOUNS = word_set("suspicion suspicions allegation allegations")
FUTURE_AUX = SHARED_FUTURE_AUX
# Modal auxiliaries of possibility or obligation: the event is not asserted to have happened ("can suffer losses").
MODAL_AUX = word_set("can ca could should must ought may might need")
# "failed to stop", "refused to meet": the complement did not happen.
FAILURE_VERBS = word_set("fail refuse decline")
# Nouns that make what they govern a possibility or an intention ("the possibility of leaving", "efforts to recruit").
POSSIBILITY_NOUNS = word_set("possibility chance prospect risk threat danger likelihood option")
INTENTION_NOUNS = word_set("plan effort attempt bid proposal offer intention goal aim call demand request")
# Verbs whose infinitival complement did happen ("managed to escape", "began to shell"): implicatives.
IMPLICATIVE_VERBS = word_set("manage begin start continue happen get come tend use proceed go dare bother remember")
# Verbs of trying: "attempted to blow up the station", "tried to storm the prison" tell an act carried out, whether or
# not it succeeded (an attempted attack is an attack: ACLED and PLOVER code it), so not an aim still to come.
CONATIVE_VERBS = word_set("attempt try")
# Subordinating marks of clauses whose event the main clause presupposes ("when it began", "because it added"):
# the main clause's negation or modality does not reach it.
PRESUPPOSING_MARKS = word_set("when because after before since while as until once although though whereas")
PRESUPPOSING_PREPS = word_set("after before since during following amid despite")
# Predicates saying whether an event takes place: the only ones whose negation or modality reaches a definite event
# noun that is their subject ("the talks did not take place"; not "the talks were not productive").
OCCURRENCE_PREDICATES = word_set(
    "happen occur take hold go begin start resume continue end finish conclude proceed cancel postpone delay "
    "schedule plan set call_off suspend halt stop fail succeed collapse break_down materialise materialize"
)
DEFINITE_DETERMINERS = word_set("the this that these those")
FUTURE_VERBS = word_set(
    "plan intend threaten vow pledge promise aim prepare expect schedule propose want hope seek agree decide "
    "urge call ask demand appeal request order ready willing"
)  # "called on the UN to investigate", "ready to cooperate": the action is not (yet) real
# Of those, the verbs that ask another to act: what they ask for is demanded but not done, `hypothetical` (coding
# guide 6: "urged the army to withdraw": the withdrawal is hypothetical), not planned by its own actor (`future`).
DEMAND_VERBS = word_set("urge call ask demand appeal request order press implore")
# Hosts of an infinitive that do not make it an aim: implicatives, "be" (scheduled: own rule), and verbs with their
# own, more specific cue (future or failure verbs).
NOT_AIMS = IMPLICATIVE_VERBS | FUTURE_VERBS | FAILURE_VERBS | HEDGE_VERBS | RAISING_VERBS | CONATIVE_VERBS | {"be"}
# "no one was killed", "nobody was hurt": a negative quantifier as an argument negates the event.
NEGATIVE_ARGUMENTS = word_set("nobody none nothing noone")
FUTURE_ADJ = word_set("planned upcoming future proposed scheduled forthcoming expected next impending coming")
# "Anyone who fired on civilians would be prosecuted", "Whoever breaks the truce": free-choice arguments.
FREE_CHOICE = word_set("anyone anybody whoever whatever whichever")
# "Should the embassy be attacked", "Had the pilot refused", "Were they allowed in": an inverted condition.
INVERTING_AUX = word_set("should had were")
# "prevented the ship from leaving": the complement did not happen.
PREVENTING_VERBS = word_set("prevent stop bar block ban keep")
CONDITIONAL_MARKS = word_set("if unless whether")
# "could not deliver", "cannot confirm": a negated ability is a negation, not a hedge.
ABILITY = word_set("can ca could")
DOUBT_PREDICATES = word_set("unclear uncertain doubt unknown")
KNOWING = word_set("clear know known certain sure confirm say")
# Auxiliaries that make a subject event a supposition: "a ground attack would/could cost thousands of lives".
SUPPOSING = word_set("would could might")
CONSEQUENT_AUX = UNREAL_AUX | word_set("'d can")
AIM_PREPS = word_set("for against toward towards")
SPEECH_VERBS = SAYING_VERBS | ASSERTING_VERBS
# Cues of directives and questions ("called on the army to withdraw", "urged both sides to talk", "asked whether
# troops would stay", "asking why the mayor fired him"): their speaker asks for or about the event, and does not
# say it happened, so the event they contain has no speaker.
DIRECTIVE_CUES = word_set("ask urge demand call appeal request implore beg plead press inquire enquire wonder")
# "X accused Y of shelling": the accused act is the accuser's claim.
ACCUSATION_VERBS = word_set("accuse blame charge allege")

# How much of an event's confidence its factuality keeps.
CONFIDENCE_FACTOR = {
    "asserted": 1.0,
    "reported": 0.9,
    "hedged": 0.6,
    "future": 0.6,
    "hypothetical": 0.45,
    "negated": 0.4,
}
# Dependencies that open a clause of its own: the trigger's scope stops above a speech verb's complement.
CLAUSE_STOP = frozenset(["ccomp", "parataxis", "ROOT"])
# Speech acts a speaker performs by saying them in the first person ("we call for", "I reject", "we condemn").
PERFORMATIVE_TYPES = frozenset(["REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"])
FIRST_PERSON = word_set("i we")
# Third-person personal pronouns by the referents they agree with.
PRONOUN_CLASS = {
    **dict.fromkeys(("he", "him", "his"), "male"),
    **dict.fromkeys(("she", "her"), "female"),
    **dict.fromkeys(("they", "them", "their"), "plural"),
    **dict.fromkeys(("it", "its"), "neuter"),
}

# A transcript's turn labels that are the programme's own journalists ("REPORTER: Not yet. The cuts ran to 13
# hours."): what they say is the outlet's own voice, as a byline's is, not a source the article cites.
OWN_VOICE_ROLES = word_set("reporter correspondent anchor host presenter newsreader")
