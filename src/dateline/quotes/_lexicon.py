"""Word lists and patterns of the quotes stage: cue verbs and their families, attitude adjectives and nouns,
media names, speaker labels. Data only; the passes that read them are in the sibling modules.
"""

from __future__ import annotations

import re

from ..lexicon import CUE_VERBS, word_set

# Verbs that attribute a belief, a finding or an expectation ("the poll shows that …", "he believes …"): cues
# only with a clausal complement, which is then the holder's claim, not the article's.
ATTITUDE_VERBS = word_set(
    "believe think know find show fear hope expect worry doubt assume feel realise realize recognise recognize "
    "understand learn hear reckon suspect guess figure point conclude"
)
# Speech acts whose content is their object and its complement, not a clause: "called on the mayor to stop …",
# "accused the council of ignoring …", "criticized the plan as a costly mistake", "urged both sides to let food in".
OBJECT_CUES = word_set("call accuse criticise criticize urge ask cite blame")
# Lemmas of verbs that report speech, writing or a held belief: the one lexicon of cues.
SPEECH_VERBS = CUE_VERBS | ATTITUDE_VERBS | OBJECT_CUES
# Attitudes that are not speech (PolNeAR counts them as attributions): the holder's belief, intention, evaluation
# or perception. Their content is a clause, an infinitive, or simply the object ("Osei supports a dam"), so
# they are cues only with a subject and such a content; each family tells the stance stage what it does to the
# events it contains (see ``Quote.cue_class``).
BELIEF_VERBS = ATTITUDE_VERBS - word_set("find show point learn hear") | word_set(
    "consider regard deem view suppose presume imagine wonder"
)
INTENTION_VERBS = word_set(
    "want wish plan intend seek hope prefer desire decide refuse decline propose campaign press push favor favour"
)
EVALUATION_VERBS = word_set(
    "support endorse back oppose praise criticise criticize condemn denounce defend attack blast slam mock ridicule "
    "question reject dismiss welcome applaud decry deride describe portray characterize characterise label dub "
    "thank congratulate tout embrace hail chide assail lambast lambaste rebuke scold fault "
    "commend laud credit liken compare disparage belittle castigate excoriate denigrate vilify "
    "dislike hate love admire distrust resent oppose disavow repudiate"
)
PERCEPTION_VERBS = word_set("see notice witness")
# Speech verbs whose content may be their object ("mentioned the wall", "discussed the deal").
OBJECT_SPEECH = word_set("mention discuss echo reference")
CUE_CLASS: dict[str, str] = {
    **{w: "perception" for w in PERCEPTION_VERBS},
    **{w: "belief" for w in BELIEF_VERBS},
    **{w: "evaluation" for w in EVALUATION_VERBS},
    **{w: "intention" for w in INTENTION_VERBS},
}
# Verbs whose content may be their object or infinitive rather than a clause.
ATTITUDE_CUES = BELIEF_VERBS | INTENTION_VERBS | EVALUATION_VERBS | PERCEPTION_VERBS | OBJECT_SPEECH
# Belief verbs take an object only with its predicate ("sees the deal as a betrayal", "considers him unfit").
PREDICATE_ONLY = (BELIEF_VERBS | PERCEPTION_VERBS) - INTENTION_VERBS - EVALUATION_VERBS
# Holders of an attitude that are not named people or groups: pronouns, quantities of people ("most", "half").
HOLDER_WORDS = word_set(
    "i we you he she they who whom everyone everybody someone somebody anyone many most some few several both all "
    "half third thirds quarter quarters majority minority percent voters people public electorate party "
    "administration government campaign committee leadership leaders officials critics supporters opponents "
    "members americans republicans democrats conservatives liberals progressives independents group team "
    "organization organisation respondent respondents those"
)
# Cues that are a verb and its preposition, the content being the preposition's object ("voted for the bill",
# "referring to the attacks", "talked about the economy"): the preposition is part of the cue.
PREP_CUES: dict[str, frozenset[str]] = {
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
DIRECT_ONLY = word_set("continue go offer quip joke laugh muse joke interject chime scoff sigh exclaim cry snap")
VERB_CUES_PLAIN = SPEECH_VERBS | ATTITUDE_CUES | frozenset(PREP_CUES)
# "Each runner seemed to be saving her strength": how things seem, to nobody named (PolNeAR's sourceless attribution).
SEEM_VERBS = word_set("seem appear")
# Every lemma that can head a verb cue.
VERB_CUES = VERB_CUES_PLAIN | DIRECT_ONLY | SEEM_VERBS
# Verbs whose object is the addressee, a candidate medium ("told Reuters").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "assure", "advise", "warn"})
# Verbs that mostly report non-speech unless they have a clausal complement or a quote.
NEEDS_CONTENT = (
    ATTITUDE_VERBS | (OBJECT_CUES - CUE_VERBS) | word_set("report post write speak signal indicate agree estimate")
)
# Verbs that also have a non-speech sense ("it declared a Caliphate and its fighters began …"): a
# complement counts only when introduced by "that".
NEEDS_THAT = frozenset({"declare", "charge", "counter", "observe", "signal", "indicate", "proclaim"})
MEDIA_WORDS = re.compile(
    r"(?i)\b(?:Reuters|AFP|AP|Associated Press|Agence France|BBC|CNN|Al[- ]Jazeera|Al Arabiya|Telegraph|Guardian|"
    r"Times|Post|Journal|Herald|Tribune|Gazette|Independent|Observer|Economist|Xinhua|TASS|RIA|Interfax|"
    r"Anadolu|IRNA|SANA|Sputnik|RT|Bloomberg|NPR|Fox|NBC|ABC|CBS|Sky News|France 24|Deutsche Welle|DW|"
    r"Le Monde|Spiegel|News|Agency|newspaper|paper|magazine|television|TV|radio|broadcaster|channel|network|"
    r"outlet|daily|weekly|wire)\b"
)
MEDIUM_PHRASES = re.compile(
    r"(?i)\b(?:in an? (?:\w+ )?interview with (?P<interview>(?:the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)*)"
    r"|on (?P<channel>Twitter|X|Facebook|Telegram|Instagram|YouTube|TikTok|(?:state|national|local|public) "
    r"(?:television|TV|radio|media)|(?:television|TV|radio)(?! (?:station|stations)))"
    r"|in an? (?P<statement>(?:written |joint |televised |short |brief )?(?:statement|press release|news "
    r"conference|press conference|speech|address|tweet|post|blog post|letter|communiqu[ée]))"
    r"|at an? (?P<conference>(?:news|press) conference|briefing|rally|summit))\b"
)
CLAUSE_PUNCT = " \t\n.,;:!?–—-"
STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "declaration", "release"})
# Speech acts a speaker can add after a report ("said … and urged …"): the cue lexicon plus acts of appeal/judgement.
OWN_ACTS = SPEECH_VERBS | frozenset(
    {"call", "appeal", "condemn", "welcome", "praise", "criticise", "criticize", "reject", "denounce", "thank"}
)
RELATIVE = frozenset({"which", "who", "that"})
# Singular nouns naming a person by role: "he"/"she" can refer back to such a speaker.
PERSON_NOUNS = word_set(
    "official president chief secretary minister resident witness head envoy diplomat aide adviser advisor "
    "candidate nominee deputy delegate judge doctor activist expert general colonel captain major sergeant "
    "mayor governor senator professor"
)
PERSON_SUFFIXES = ("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ee")
NOT_PERSON_NOUNS = word_set(
    "center centre order power paper newspaper letter number quarter border headquarter chamber corridor sector "
    "monitor council committee ministry"
)
MEDIA_NOUNS = word_set("television tv radio newspaper broadcaster channel agency daily media outlet")
# Nouns of saying or claiming whose "that" clause is the holder's claim ("the mayor's claim that …").
CLAIM_NOUNS = frozenset(
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
BELIEF_ADJECTIVES = word_set(
    "sure certain confident convinced aware unaware unsure uncertain doubtful skeptical sceptical optimistic "
    "pessimistic hopeful adamant cynical bullish bearish clear"
)
INTENTION_ADJECTIVES = word_set(
    "eager willing unwilling ready determined keen reluctant prepared loath loth intent hesitant quick slow "
    "desperate careful"
)
EVALUATION_ADJECTIVES = word_set(
    "afraid worried concerned fearful nervous anxious happy glad pleased proud upset angry disappointed frustrated "
    "furious outraged critical supportive wary suspicious opposed open receptive enthusiastic passionate unhappy "
    "sorry grateful thankful excited vocal outspoken tired sick fond appreciative comfortable uncomfortable content "
    "satisfied dissatisfied impressed delighted thrilled alarmed troubled annoyed scared terrified ambivalent "
    "divided loyal hostile sympathetic forthcoming honest upfront candid dismissive resentful interested enamored "
    "lukewarm cool mad embarrassed ashamed confused puzzled disturbed shocked stunned dismayed"
)
ADJECTIVE_CLASS: dict[str, str] = {
    **{w: "evaluation" for w in EVALUATION_ADJECTIVES},
    **{w: "belief" for w in BELIEF_ADJECTIVES},
    **{w: "intention" for w in INTENTION_ADJECTIVES},
}
# The prepositions that introduce what such an attitude is about ("concerned about", "critical of", "opposed to").
ADJECTIVE_PREPS = word_set("about of with on over at by to for toward towards against")
# Nouns of a stance after "be" ("is a critic of", "has been an outspoken supporter of"): a stance's cue.
STANCE_NOUNS = word_set(
    "supporter critic opponent proponent advocate fan champion defender backer foe skeptic sceptic admirer "
    "detractor enemy ally believer"
)
PROMISE_NOUNS = frozenset({"promise", "pledge", "vow"})
# What a poll, a study or a document shows: "Surveys show a tight race", "Footage shows a guard on the roof".
EVIDENCE_VERBS = word_set("show find suggest indicate reveal confirm")
EVIDENCE_NOUNS = word_set(
    "poll survey study analysis data video footage document record research result number figure statistic "
    "tally count memo email filing return transcript photo image polling average"
)
# Verbs a reporting verb completes as one act: "went on to say", "declined to comment", "continued to insist".
CHAIN_HEADS = word_set("go continue decline refuse keep seem appear")
PRONOUNS = {
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
CUE_WORDS = ("according", "in", *sorted(STATEMENT_NOUNS))
# "In a Herald poll, Okafor led …": the poll is the source, "in" the cue.
POLL_NOUNS = word_set("poll polls survey surveys")
SOURCE_WORDS = re.compile(r"(?i)\bsources?\b")
# "HOST: …", "SEN. JOHN SMITH: …", "Ama Mensah: …" at the start of a paragraph.
SPEAKER_LABEL = re.compile(r"\s*[\"“]?(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*(?P<colon>:)\s+(?=\S)")
# A headline that quotes or sums up its source: "Mayor Okafor: Rival's Budget Plan … ‘Makes No Sense.’",
# "Poll: Okafor and Mensah neck and neck", "Senator Grills Bank Chief: ‘You Should Step …’".
HEADLINE_LABEL = re.compile(r"\s*(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’&-]*){0,6})\s*(?P<colon>:)\s+(?=\S)")
HEADLINE_WORDS = 14
# "” ― Ama Mensah" closing a paragraph: a dash and a name (with an optional description) after a quote.
SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][\w.'’-]*(?: [\w.'’,-]+){0,7}?)[ \t\u00a0]*$", re.MULTILINE
)
DATELINE_HEAD = re.compile(r"^\s*[A-Z][a-z]{2,8}\.? \d{1,2},? [A-Z][\w .'-]{1,40}:\s+")
QUOTE_MARKS = '“”«»„"‘’'
