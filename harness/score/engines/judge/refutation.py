"""The refutation signal: the ways research evidence refutes a claim that the other signals do not read.

Written from 120 refutations the calibrated judge missed (60 of HealthVer's, 60 of Check-COVID train's;
``docs/judge.md``, "Refutations in evidence/claim pairs"). Besides claims refuted by loosely related
evidence (which needs an entailment model), they fall into a few general kinds, each a named column here:

- ``ref_same``: *sameness against difference*. The claim says two things are the same, stable or
  unchanged ("children and adults are affected similarly", "antibodies are stable over time") and the
  evidence reports a difference or a change ("the odds among children were 0.26 times", "declined from
  219 to 143"), or the claim says they differ ("varies drastically") where the evidence says they are
  the same ("very consistent across settings");
- ``ref_null_claim`` / ``ref_null_answer``: *no effect against an effect*. The claim denies an effect or
  any evidence of one ("no clinical evidence on vitamin D", "is unrelated to preventing a second wave")
  and the evidence reports an association or an effect ("a significant negative correlation", "is
  needed to inform strategies"), or the other way round ("ibuprofen is associated with higher mortality"
  against "ibuprofen use was not associated with worse outcomes", "no benefit was observed");
- ``ref_certainty``: *certainty against a hedge*. The claim says a thing cures, kills, stops or will
  happen, and the evidence only says it may, could or is being studied ("vitamin C cures COVID-19"
  against "supplementation may be effective");
- ``ref_neg_claim`` / ``ref_neg_answer``: *a denial on one side only*, read more widely than the
  contradiction signal's negation cues: "unable to", "lacked", "fails to", "the least", and a claim that
  answers its own question "No" ("Can my pet spread it? No, it can't");
- ``ref_direction``: *opposite directions without a shared neighbour*: the claim's direction words
  (increase, reduce, higher, lower, less likely) and valence words (effective, harmful) point one way
  overall and the evidence's the other way ("less likely to be critically ill" against "more often seen
  in critical patients"); the contradiction signal reads this only when the two words name the same
  thing, which long abstract sentences rarely do word for word; also "twice" / "the majority" against
  "half" / "a few";
- ``ref_stance``: *opposite stances on an outcome*: what each side says is good or bad for people
  (``stance``: "may reduce lung inflammation" against "is a risk factor"; "increases mortality" against
  "reduces the severity");
- ``ref_flip``: the share of the words one side denies (after a wide negation cue) that the other side
  says undenied ("lacked antibodies" against "antibody was detected").

Every column is an indicator (``ref_flip`` a share) times ``ctr_topic``'s share of the claim the windows hold (a
clash matters only between statements about the same thing; a linear head cannot form that product itself). The
columns are read by the substance head (``fit.SUBSTANCE``): the shipped profile's, behind its ``named`` gate, and
a profile calibrated with the ``open`` gate (``fit.OPEN_SUBSTANCE``).
A learned verdict that no clashing words name says which of these the signal read (``read``, put on the
``contradiction.Disagreement`` as ``refutes``). Cost: a few regular-expression scans of the claim and its two best
windows; no model.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

import numpy as np

from harness.score.engines.judge import contradiction
from harness.score.engines.judge.features import PreparedAnswer, PreparedClaim

COLUMNS: tuple[str, ...] = ("ref_same", "ref_null_claim", "ref_null_answer", "ref_certainty", "ref_neg_claim",
                            "ref_neg_answer", "ref_direction", "ref_stance", "ref_flip")


def _re(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


_SAME = _re(r"same", r"similar(?:ly)?", r"equal(?:ly)?", r"equivalent", r"comparable", r"identical", r"steady",
            r"constant", r"stable", r"consistent(?:ly)?", r"uniform(?:ly)?", r"unchanged", r"unaffected", r"stagnant",
            r"stay(?:ed|s)? (?:level|flat|the same)", r"no (?:significant |notable |major )?(?:difference|change)s?",
            r"(?:did|does|do) not (?:differ|change|vary)", r"regardless of", r"irrespective of",
            r"as (?:likely|much|many|well|often) as")
_DIFF = _re(r"differ(?:s|ed|ent|ence|ences|ently)?", r"var(?:y|ies|ied|iation|iable)", r"heterogene\w*", r"higher",
            r"lower", r"greater", r"fewer", r"less", r"more", r"increas\w*", r"decreas\w*", r"declin\w*", r"ris(?:e|es|ing)",
            r"rose", r"drop(?:s|ped)?", r"half", r"twice", r"double[ds]?", r"\d+(?:\.\d+)? ?times", r"\d+-fold",
            r"significant(?:ly)?", r"reduc\w*", r"elevat\w*", r"wan(?:e|es|ed|ing)", r"peak(?:s|ed)?",
            r"odds ratio", r"hazard ratio", r"drastic(?:ally)?")
_DIFF_CLAIM = _re(r"differ(?:s|ed|ent|ence|ences|ently)?", r"var(?:y|ies|ied|iation|iable)", r"heterogene\w*",
                  r"drastic(?:ally)?", r"inconsistent", r"unequal(?:ly)?")
_NULL = _re(r"no (?:\w+ ){0,2}evidence", r"(?:insufficient|limited|little|lack of|without) (?:\w+ )?evidence",
            r"not (?:been )?(?:shown|proven|demonstrated|associated|linked|related|correlated|significant\w*)",
            r"no (?:\w+ )?(?:association|link|correlation|relationship|effect|impact|benefit|role|difference|change)s?",
            r"unrelated", r"ineffective", r"(?:did|does|do|has|have|had|was|were|is|are|will) (?:not|n't) "
            r"(?:\w+ )?(?:affect|improve|reduce|increase|change|show|work|help|prevent|protect|cure|influence|"
            r"lower|raise|matter|play|contribute|associate)\w*", r"(?:has|have|had) no", r"failed to", r"fails to",
            # the evidence calls the claim a myth
            r"conspiracy", r"conspiracies", r"misinformation", r"myths?", r"hoax(?:es)?", r"rumou?rs?", r"unfounded",
            r"debunk\w*", r"false claims?", r"no scientific basis")
_EFFECT = _re(r"associat\w*", r"correlat\w*", r"linked", r"link", r"risk factors?", r"reduc\w*", r"lower(?:s|ed)?",
              r"decreas\w*", r"increas\w*", r"improv\w*", r"effective(?:ly)?", r"efficac\w*", r"significant(?:ly)?",
              r"p ?[<=]", r"odds ratio", r"hazard ratio", r"prevent\w*", r"protect\w*", r"inhibit\w*", r"benefi\w*",
              r"caus\w*", r"contribut\w*", r"needed", r"essential", r"important", r"influence[sd]?", r"shorten\w*",
              r"lengthen\w*", r"speed(?:s|ed)? up", r"eas(?:e|es|ed)", r"relie(?:f|ve|ves|ved)", r"cur(?:e|es|ed)",
              r"treat(?:s|ed)?", r"help(?:s|ed)?", r"rais(?:e|es|ed)", r"worsen\w*", r"spread\w*", r"facilitat\w*")
_CERTAIN = _re(r"cure[sd]?", r"curing", r"kill(?:s|ed|ing)?", r"stop(?:s|ped|ping)?", r"eliminat\w*",
               r"destroy\w*", r"crush\w*", r"will", r"definitely", r"proven", r"guarantee\w*", r"always", r"never",
               r"completely", r"magic", r"miracle", r"immune to", r"100 ?%", r"(?:do|does|can) (?:not|n't) affect")
_HEDGED = _re(r"may", r"might", r"could", r"possibl\w*", r"potential(?:ly)?", r"suggest\w*", r"preliminary",
              r"hypothe\w*", r"speculat\w*", r"propos\w*", r"in vitro", r"in silico", r"further (?:\w+ )?(?:studies|"
              r"research|investigation|trials|experiments)", r"remains? (?:unclear|unknown|to be)", r"unclear",
              r"uncertain\w*", r"not yet", r"warrant\w*", r"promising", r"candidates?", r"need(?:s|ed)? (?:to be|further)",
              r"no (?:\w+ )?(?:vaccine|treatment|therapy|drug|cure)s? (?:is|are|has|have)")
_HEDGE_CLAIM = _re(r"may", r"might", r"could", r"possibl\w*", r"potential(?:ly)?", r"suggest\w*")
_NEG = _re(r"not", r"no", r"never", r"cannot", r"can't", r"\w+n't", r"unable", r"lack(?:s|ed|ing)?", r"fail(?:s|ed)? to",
           r"without", r"none", r"nothing", r"nobody", r"no one", r"unrelated", r"neither", r"nor", r"least", r"rarely",
           r"absent", r"absence")
_ANSWER_NO = re.compile(r"\?\s*(?:[\"'“”]\s*)?no\b")
_ANSWER_YES = re.compile(r"\?\s*(?:[\"'“”]\s*)?yes\b")
_NOT_ONLY = re.compile(r"\bnot (?:only|just|merely)\b|\bno matter\b|\bno doubt\b")


@lru_cache(maxsize=16384)
def _flags(text: str) -> tuple[str, str, str, str, str, str, str, str]:
    """(same, differ, differ as a claim says it, null, effect, certain, hedged, negated) of one text: the words
    found ("" for none)."""
    low = _NOT_ONLY.sub(" ", " ".join(text.lower().replace("’", "'").split()))
    if _ANSWER_YES.search(low):
        low = _ANSWER_YES.split(low, maxsplit=1)[0]  # "Can X? Yes, it can": the question states it
        negated = _found(_NEG, low)
    else:
        no = _ANSWER_NO.search(low)
        negated = no.group(0) if no else _found(_NEG, low)
    certain = _found(_CERTAIN, low) if not _HEDGE_CLAIM.search(low) else ""
    return (_found(_SAME, low), _found(_DIFF, low), _found(_DIFF_CLAIM, low), _found(_NULL, low),
            _found(_EFFECT, low), certain, _found(_HEDGED, low), negated)


def _found(pattern: re.Pattern[str], low: str) -> str:
    m = pattern.search(low)
    return m.group(0) if m else ""


_BIGGER = _re(r"twice", r"thrice", r"two-fold", r"several times", r"\d+(?:\.\d+)? times (?:more|higher|greater|as)",
              r"(?:more|higher|greater) than (?:double|twice)", r"majority", r"most")
_SMALLER = _re(r"half", r"a third", r"a quarter", r"0\.\d+ times", r"minority", r"few", r"fraction",
               r"one in (?:a )?(?:hundred|thousand|\d+)")


def _direction(window: str, claim: str) -> bool:
    """The claim's signed direction (or valence) words and the window's point opposite ways overall, or one
    side says "twice" / "the majority" where the other says "half" / "a few"."""
    c_dirs, c_vals, _ = contradiction._reading(claim)
    c_sums = (sum(s for s, _, _ in c_dirs), sum(s for s, _, _ in c_vals))
    if any(c_sums):  # the window's reading can only point the other way from a claim that points somewhere
        w_dirs, w_vals, _ = contradiction._reading(window)
        for sc, w in zip(c_sums, (w_dirs, w_vals), strict=True):
            sw = sum(s for s, _, _ in w)
            if sc and sw and (sc > 0) != (sw > 0):
                return True
    cl, wl = claim.lower(), window.lower()
    return bool((_BIGGER.search(cl) and _SMALLER.search(wl) and not _BIGGER.search(wl))
                or (_SMALLER.search(cl) and _BIGGER.search(wl) and not _SMALLER.search(wl)))


def _flip(window: str, claim: str) -> float:
    """Share of the words one side denies (within four words after a wide negation cue: "unable to generate an
    immune response", "lacked antibodies") that the other side says without a denial, by their first five letters."""
    c_denied, c_said = _denials(claim)
    w_denied, w_said = _denials(window)
    denied = c_denied | w_denied
    if not denied:
        return 0.0
    flipped = (c_denied & (w_said - w_denied)) | (w_denied & (c_said - c_denied))
    return len(flipped) / len(denied)


@lru_cache(maxsize=16384)
def _denials(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """``_scopes`` of one text's words (kept by text: a claim's, and the same two windows read for many claims)."""
    denied, said = _scopes(_TOKENS.findall(_NOT_ONLY.sub(" ", text.lower())))
    return frozenset(denied), frozenset(said)


def _scopes(words: list[str]) -> tuple[set[str], set[str]]:
    """(stems of content words in a denial's scope, stems of every content word) of one text."""
    denied, said = set(), set()
    last_neg = -5  # index of the last denial cue read (a word is in its scope up to four words after it)
    for i, w in enumerate(words):
        if len(w) >= 4 and w not in _STOP:
            said.add(w[:5])
            if last_neg >= i - 4:
                denied.add(w[:5])
        if _word_class(w)[0]:
            last_neg = i
    return denied, said


_STOP = frozenset("that this with from have been were which their there these those than then they them also "
                  "into more most such some only other over under about after before being does doing while where "
                  "when what will would could should shall might must very much many between within".split())


# the stance of a text on what it is about: good for people (+1) or bad (-1). A direction word applied to an
# outcome ("reduces mortality" +1, "facilitates the spread" -1, "greater risk" -1), or a judgement word
# ("effective" +1, "risk factor" -1), each turned by a negation before it
_BAD_OUTCOME = re.compile(r"(?:mortality|deaths?|die[sd]?|dying|fatal\w*|sever\w*|risks?|infect\w*|spread\w*|"
                          r"transmi\w*|symptoms?|inflammat\w*|illness\w*|disease|hospitali\w*|admi\w*|cases|"
                          r"complications?|progression|susceptib\w*|viral|virus\w*|coronavirus\w*|sars|covid\w*|"
                          r"replication|cytokines?|storm|damage|outbreaks?|pneumonia|failure|worse\w*)$")
_GOOD_OUTCOME = re.compile(r"(?:recover\w*|survival|surviv\w*|immun\w*|protection|efficacy|benefits?|outcomes?|"
                           r"health)$")
_UP_WORDS = re.compile(r"(?:increas\w*|rais\w*|ris(?:e|es|ing)|rose|higher|greater|more|elevat\w*|enhanc\w*|"
                       r"boost\w*|promot\w*|accelerat\w*|facilitat\w*|exacerbat\w*|aggravat\w*|worsen\w*|"
                       r"caus\w*|trigger\w*|induc\w*|doubl\w*|amplif\w*|upregulat\w*|help\w* (?:the )?spread)$")
_DOWN_WORDS = re.compile(r"(?:decreas\w*|reduc\w*|lower\w*|less|fewer|declin\w*|diminish\w*|drop\w*|inhibit\w*|"
                         r"suppress\w*|block\w*|prevent\w*|protect\w*|attenuat\w*|alleviat\w*|mitigat\w*|limit\w*|"
                         r"slow\w*|halt\w*|stop\w*|kill\w*|inactivat\w*|crush\w*|fight\w*|combat\w*|thwart\w*|"
                         r"neutrali\w*|eliminat\w*|destroy\w*|relie\w*|avert\w*|cut\w*)$")
_GOOD_WORDS = re.compile(r"(?:effective\w*|efficac\w*|safe|safety|benefi\w*|helpful|helps?|cures?|cured|improv\w*|"
                         r"favou?rable|useful|immunogenic|tolerable|well tolerated|magic)$")
_BAD_WORDS = re.compile(r"(?:ineffective|unsafe|harm\w*|dangerous|toxic\w*|detriment\w*|useless|worse|worsen\w*|"
                        r"adverse)$")
_NEG_WORD = re.compile(r"(?:not|no|never|cannot|without|unable|lack\w*|fail\w*|\w+n't|neither|nor|none|insufficient)$")
_TOKENS = re.compile(r"[a-z0-9][a-z0-9'-]*")


@lru_cache(maxsize=16384)
def stance(text: str) -> int:
    """The sign of a text's stance on what it is about (+1 good for people, -1 bad, 0 neither or both)."""
    words = _TOKENS.findall(" ".join(text.lower().replace("’", "'").split()))
    classes = [_word_class(w) for w in words]
    total = 0
    for i, (w, (_, judged, up, down, _, good, bad)) in enumerate(zip(words, classes, strict=True)):
        if not judged and w != "risk":
            continue  # a word that is no direction, judgement or "risk" adds nothing
        sign = -1 if any(c[0] for c in classes[max(0, i - 3):i]) else 1
        if up or down:
            near = classes[i + 1:i + 6] + classes[max(0, i - 3):i]
            outcome = next((c[4] for c in near if c[4]), 0)
            total += (1 if up else -1) * outcome * sign
        elif (w == "risk" and words[i + 1:i + 2] and words[i + 1].startswith("factor")) or bad:
            total -= sign  # "a risk factor", "harmful"
        elif good:
            total += sign
    return (total > 0) - (total < 0)


@lru_cache(maxsize=65536)
def _word_class(word: str) -> tuple[bool, bool, bool, bool, int, bool, bool]:
    """What the stance and denial readings ask of one word: (a denial cue, any of up / down / good / bad, up, down,
    outcome -1 bad / +1 good / 0 none, good, bad); each the same regular-expression match as before, asked once."""
    up, down = _UP_WORDS.match(word) is not None, _DOWN_WORDS.match(word) is not None
    good, bad = _GOOD_WORDS.match(word) is not None, _BAD_WORDS.match(word) is not None
    outcome = -1 if _BAD_OUTCOME.match(word) else 1 if _GOOD_OUTCOME.match(word) else 0
    return (_NEG_WORD.match(word) is not None, up or down or good or bad, up, down, outcome, good, bad)


def measure(answer: PreparedAnswer, claim: PreparedClaim) -> list[float]:
    """The signal's columns for one (answer, claim): each clash indicator times the windows' share of the claim."""
    return read(answer, claim)[0]


def read(answer: PreparedAnswer, claim: PreparedClaim) -> tuple[list[float], str | None]:
    """The columns and, when a clash was read, what it is in words (for the reason of a learned verdict)."""
    windows = contradiction._windows(answer, claim)
    if not windows:
        return [0.0] * len(COLUMNS), None
    topic = windows[0][0]
    text = " ".join(answer.text[answer.units[a][0]:answer.units[b][1]] for _, a, b in windows)
    c_same, _, c_differ, c_null, c_effect, c_certain, _, c_neg = _flags(claim.text)
    w_same, w_diff, _, w_null, w_effect, _, w_hedged, w_neg = _flags(text)
    said = {
        "ref_same": (f"the claim says '{c_same}', the answer '{w_diff}'" if c_same and w_diff and not w_same else
                     f"the claim says '{c_differ}', the answer '{w_same}'" if c_differ and w_same and not c_same
                     else None),
        "ref_null_claim": f"the claim says '{c_null}', the answer '{w_effect}'" if c_null and w_effect and not w_null
        else None,
        "ref_null_answer": f"the answer says '{w_null}', the claim '{c_effect}'"
        if w_null and c_effect and not c_null and not c_neg else None,
        "ref_certainty": f"the claim says '{c_certain}', the answer only '{w_hedged}'" if c_certain and w_hedged
        else None,
        "ref_neg_claim": f"the claim denies it ('{c_neg}'), the answer does not" if c_neg and not w_neg else None,
        "ref_neg_answer": f"the answer denies it ('{w_neg}'), the claim does not" if w_neg and not c_neg else None,
        "ref_direction": "they point opposite ways" if _direction(text, claim.text) else None,
        "ref_stance": "one calls it good for people, the other bad" if stance(text) * stance(claim.text) < 0 else None,
    }
    flip = _flip(text, claim.text)
    row = [float(said[c] is not None) * topic for c in COLUMNS[:-1]] + [flip * topic]
    first = next((said[c] for c in _NAMED_FIRST if said[c] is not None), None)
    return row, first


_NAMED_FIRST = ("ref_null_claim", "ref_null_answer", "ref_same", "ref_certainty", "ref_stance", "ref_direction",
                "ref_neg_claim", "ref_neg_answer")
"""Which clash a reason names when several were read (the most specific first)."""


class RefutationSignal:
    """The ``refutation`` columns for every claim of one answer (``protocol.Signal``)."""

    name = "refutation"
    columns = COLUMNS
    optional = False

    def unavailable(self) -> str | None:
        return None

    def compute(self, batch: object) -> np.ndarray:
        answer: PreparedAnswer = batch.answer  # type: ignore[attr-defined]
        claims: list[PreparedClaim] = batch.claims  # type: ignore[attr-defined]
        found: list[contradiction.Disagreement | None] = batch.disagreements  # type: ignore[attr-defined]
        out = np.zeros((len(claims), len(COLUMNS)))
        for row, claim in enumerate(claims):
            out[row], why = read(answer, claim)
            if why is not None and row < len(found) and found[row] is not None:
                found[row] = dataclasses.replace(found[row], refutes=why)  # type: ignore[type-var]
        return out
