"""Words as the claim judge compares them: canonical tokens, light stems and rarity weights.

Two texts that say the same thing often spell it differently: "Yescarta", "axi-cel" and
"axicabtagene ciloleucel" are one drug; "CAR T", "CAR-T" and "chimeric antigen receptor T-cell
therapy" one treatment; "second-line" and "2nd line" one line of therapy. ``tokens()`` rewrites a
text into tokens where such spellings coincide:

1. a small project table of oncology abbreviations and phrases (``phrases.PHRASES``) that the drug
   dictionary lacks, then the clinician-register rows of ``register.txt`` (a rule may read the words
   around its phrase: "ER" before "-negative" is the estrogen receptor, elsewhere the emergency room);
2. brand and generic drug names from the offline ``drug-named-entity-recognition`` package
   (``harness.score.engines.judge.drugs``), so any known brand maps to its generic name, each followed
   by its class ("olaparib" also says "PARP inhibitor");
3. measures in one spelling (``measures``: 38 °C = 100.4 °F, 24 months = 2 years, 1 in 5 = 20%);
4. a light suffix stemmer, so "recommended" and "recommendation" meet.

Rarity weights come from ``wordfreq`` (general English word frequency, shipped with the package):
a rare word ("lymphoma") carries more of a claim's meaning than a common one ("take"). This is
the IDF half of TF-IDF without having to fit a vocabulary on any data set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from harness.core.text import normalize
from harness.score.engines.judge import drugs, measures, wordparts
from harness.score.engines.judge.phrase_starts import PairDispatch
from harness.score.engines.judge.phrases import PHRASES
from harness.score.engines.judge.register import read_register, rewrites

# Clinician register -> plain words: a data file (``register.txt`` beside this module; its header says
# where the entries come from and what the columns mean). Both spellings meet on one token, so "most
# stage IV solid tumours are incurable" meets "stage 4 cancer usually cannot be cured", "cytopenias"
# meets "low blood counts" and "remains investigational" meets "is still being studied". Unlike
# PHRASES, these tokens keep ordinary word weights (they are ordinary words). Negations inside a phrase
# ("cannot be cured") belong to the token. Each row also gives the plain wording the embedding signal
# reads instead of the clinician phrase (``plain()``).
REGISTER_ROWS = read_register()
REGISTER: tuple[tuple[str, str], ...] = tuple((r.pattern, r.token) for r in REGISTER_ROWS if r.pattern)
PHRASES = PHRASES + REGISTER
_PLAIN_OF_PATTERN = {r.pattern: rewrites(r) for r in REGISTER_ROWS if r.pattern}
_PLAIN_OF_TOKEN = {r.token: rewrites(r) for r in REGISTER_ROWS if not r.pattern}
"""Plain forms of the abbreviation table's tokens (rows without a pattern)."""
_PHRASE_EACH = tuple((re.compile(pat), tok, _PLAIN_OF_PATTERN.get(pat, _PLAIN_OF_TOKEN.get(tok)))
                     for pat, tok in PHRASES)
_PHRASE_TOKENS = frozenset(tok.split()[0] for _, tok in PHRASES[: len(PHRASES) - len(REGISTER)])
"""The abbreviation table's own concepts (weighted as rare words); the further tokens a phrase expands
into ("dlbcl" -> also "lbcl", "lymphom"; "r-chop" -> its drugs) keep their own weights."""
_REGISTER_WEIGHT = {"stage4": 5.0, "stage3": 5.0, "stage2": 5.0, "stage1": 5.0, "incurable": 5.5, "curable": 5.0,
                    "refractory": 5.5, "metastasis": 5.0}
@lru_cache(maxsize=1)
def _row_weights() -> dict[str, float | str]:
    """Register token -> its weight (a number) or the plain wording whose rarest word sets it."""
    out: dict[str, float | str] = {}
    for row in REGISTER_ROWS:
        for tok in row.token.split():
            if tok in out or tok in _REGISTER_WEIGHT:
                continue
            if row.weight is not None:
                out[tok] = row.weight if row.weight != "plain" else (row.plain or tok).lstrip("~")
    return out


_PHRASE_AT = PairDispatch([pat for pat, _ in PHRASES])
"""The phrases that can begin with a word start's first two characters (``phrase_starts``): far fewer to try
than one big scan or the phrases of its first character."""
_WORD_START = re.compile(r"\b[a-z0-9]")


@lru_cache(maxsize=8192)
def _phrases(norm: str) -> tuple[re.Match[str], ...]:
    """Non-overlapping phrase matches, leftmost first, longest alternative as the regex prefers.

    Cached by text: ``tokens`` and ``plain`` scan the same sentence (the same text unless it holds a
    reference in parentheses), and the scan is most of what preparing an answer costs."""
    out: list[re.Match[str]] = []
    pos = 0
    for start in _WORD_START.finditer(norm):
        i = start.start()
        if i < pos:
            continue
        m = _PHRASE_AT.match(norm, i)
        if m is not None and m.end() > i:
            out.append(m)
            pos = m.end()
    return tuple(out)


NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "eighteen": "18",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")

# Function words that carry no claim content. Negation and hedging words are deliberately NOT
# here as content either: they are judged separately (harness.score.engines.judge.signals).
_STOPWORD_TEXT = """
a an the and or but if then than that this these those there here is are was were be been being am
do does did doing have has had having i me my we our you your he she it its they them their his her
of in on at by for with to from into onto over under about as up down out off so such too very just
also what which who whom whose when where why how all any both each few more most other some own same
can could may might must shall should will would not no nor never none only
s t d ll m o re ve y e g ie eg etc vs per via while because until again further once most
get gets got make makes made use used using like well even still yet much many often usually
around approximately roughly nearly almost
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|[<>≤≥]=?|%")
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly", "ies", "ied",
             "ness", "ity", "ers", "er", "ed", "ly", "es", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic stem: strip one common suffix, then keep at most 7 letters.

    >>> stem("recommended") == stem("recommendation") == stem("recommends")
    True
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            if suf in ("s", "es") and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
            break
    else:
        if word.endswith("e") and len(word) >= 4:  # "drive"/"driving", "dose"/"doses", "change"/"changed"
            word = word[:-1]
    return word[:7]


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    """How much meaning one occurrence of ``word`` carries: higher for rarer words (1.0-7.0)."""
    if word.startswith("rx_") or word in _PHRASE_TOKENS:
        return 6.0
    if word in _REGISTER_WEIGHT:
        return _REGISTER_WEIGHT[word]
    row_weight = _row_weights().get(word)
    if isinstance(row_weight, float):
        return row_weight
    if isinstance(row_weight, str):  # the weight of the rarest word of the plain wording
        plain_words = [w for w in _TOKEN_RE.findall(row_weight) if w not in STOPWORDS and w.isalpha()]
        return max([1.0, *(_frequency_weight(w) for w in plain_words)])
    if word.isdigit():
        return 3.0
    return _frequency_weight(word)


def _frequency_weight(word: str) -> float:
    """Rarity weight from general English word frequency (wordfreq): 1.0 (very common) to 7.0 (unseen)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word.replace("_", " "), "en")
    return max(1.0, min(7.0, 7.5 - zipf))


@dataclass(frozen=True, slots=True)
class Token:
    """One comparable unit of a text: ``key`` is what matching compares, ``surface`` what a reason quotes."""

    key: str
    surface: str
    weight: float
    content: bool
    """False for stopwords, negations and punctuation-like tokens."""


@lru_cache(maxsize=8192)
def prepare(text: str) -> str:
    """Normalised text with number words as digits (the form numbers and cues are read from)."""
    return _NUMBER_WORD_RE.sub(lambda m: NUMBER_WORDS[m.group(1)], normalize(text))


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """The text as comparable tokens: phrases and drug names canonical, other words stemmed."""
    norm = prepare(text)
    out: list[Token] = []
    pos = 0
    for match in _phrases(norm):
        out.extend(_word_tokens(norm[pos:match.start()]))
        keys = _row_of(match)[0].split()
        # one phrase may stand for several concepts ("b symptoms"; a regimen and its drugs): together they
        # weigh what the phrase's heaviest concept weighs, so an expansion never outweighs the words around it
        share = max(weight(k) for k in keys) / len(keys) if keys else 0.0
        for key in keys:
            out.append(Token(key, match.group(0), share, True))
        pos = match.end()
    out.extend(_word_tokens(norm[pos:]))
    return tuple(_with_drug_classes(out))


def _with_drug_classes(out: list[Token]) -> list[Token]:
    """``out`` with each named drug's class words after it ("olaparib" also says "PARP inhibitor"): at most
    the weight of an everyday word each, so a drug a claim names still needs its own name in the answer."""
    known = drugs.classes()
    if not any(t.key in known for t in out):
        return out
    full: list[Token] = []
    for tok in out:
        full.append(tok)
        for cls in known.get(tok.key, ()):
            full.append(Token(cls, tok.surface, min(weight(cls), 2.0), True))
    return full


@lru_cache(maxsize=65536)
def _row_index(phrase: str) -> int:
    """Index of the first table row whose pattern matches ``phrase`` whole, read without context."""
    return next((i for i, (pat, _, _) in enumerate(_PHRASE_EACH) if pat.fullmatch(phrase)), len(_PHRASE_EACH))


_CONTEXT_ROWS = {i: re.compile(rf"(?:{pat.pattern})\b") for i, (pat, _, _) in enumerate(_PHRASE_EACH)
                 if re.search(r"\(\?<?[=!]", pat.pattern)}
"""Rows whose pattern looks at the words around the phrase ("ER" is the estrogen receptor before
"-positive", the emergency room elsewhere): they are matched in place, not on the phrase alone."""


def _row_of(match: re.Match[str]) -> tuple[str, str | None]:
    """(canonical token(s), plain wording or None) of the first table row that matches ``match`` in place."""
    first = _row_index(match.group(0))
    for i, in_place in _CONTEXT_ROWS.items():
        if i >= first:
            break
        m = in_place.match(match.string, match.start())
        if m is not None and m.end() == match.end():
            first = i
            break
    if first == len(_PHRASE_EACH):
        return "", None
    _, tok, wording = _PHRASE_EACH[first]
    return tok, wording


_CITATION = re.compile(r"\([^()]*?(?:\bet al\b|\b(?:19|20)\d\d[a-z]?\b)[^()]*\)")
"""A reference in parentheses ("(Tutt et al., NEJM 2021)", "(IOM 2005)"): names and years the claim never
has, which only dilute a window's meaning for the embedding."""


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """The text with clinician phrases in plain words (what the embedding signal reads).

    "Stage IV denotes distant metastatic disease (M1)" becomes "stage 4 means spread to distant parts
    of the body (spread to distant parts of the body)"; a claim goes through the same rewrite, so both
    sides of a comparison are in one register. Lower-case, number words as digits (``prepare``).
    """
    norm = _CITATION.sub(" ", prepare(text))
    parts: list[str] = []
    pos = 0
    for match in _phrases(norm):
        wording = _row_of(match)[1]
        if wording is not None:
            parts.append(_plain_words(norm[pos:match.start()]))
            parts.append(wording)
            pos = match.end()
    parts.append(_plain_words(norm[pos:]))
    return "".join(parts)


_LONG_WORD = re.compile(r"[a-z]{7,}")


def _plain_words(segment: str) -> str:
    """``segment`` with each medical word built from known parts in its plain wording (``wordparts``)."""
    return _LONG_WORD.sub(lambda m: wordparts.reading(m.group(0)) or m.group(0), segment)


@lru_cache(maxsize=32768)
def _word_tokens(segment: str) -> tuple[Token, ...]:
    """The words of ``segment`` as tokens, its measures (temperatures, durations, proportions, frequencies)
    in one spelling (``measures``) so that "38 °C" meets "100.4 °F" and "24 months" meets "2 years".

    Cached by segment (the text between two phrases): a window of two sentences, a clause or the join of two
    windows is a new text, but most of its segments are those of the sentences already read."""
    out: list[Token] = []
    pos = 0
    for m in measures.measures(segment):
        out.extend(_plain_word_tokens(segment[pos:m.start]))
        surface = segment[m.start:m.end].strip()
        for w in m.words:
            if w.isdigit():
                out.append(Token(w, surface, 3.0, True))
            elif w.startswith("temp"):
                out.append(Token(w, surface, 5.0, True))
            elif w == "fever":
                out.append(Token(w, surface, weight(w), True))
            else:
                out.append(Token(stem(w), surface, weight(w), True))
        pos = m.end
    out.extend(_plain_word_tokens(segment[pos:]))
    return tuple(out)


def _plain_word_tokens(segment: str) -> list[Token]:
    words: list[str] = []
    for raw in _TOKEN_RE.findall(segment):
        if "-" in raw:
            parts = raw.split("-")
            # "pd-l1", "her-2", "il-6": short parts are one name; "well-known" is two words
            if any(len(p) <= 2 for p in parts) and len(parts) <= 3:
                words.append("".join(parts))
            else:
                words.extend(p for p in parts if p)
        else:
            words.append(raw.removesuffix("'s").replace("'", ""))
    out: list[Token] = []
    i = 0
    first_words = drugs.first_words()
    while i < len(words):
        word = words[i]
        if word in first_words:
            hit = drugs.lookup(words, i)
            if hit is not None and hit[1] > 1:
                canon, n = hit
                out.append(Token(canon, " ".join(words[i:i + n]), weight(canon), True))
                i += n
                continue
        out.extend(_word_parts(word))
        i += 1
    return out


@lru_cache(maxsize=65536)
def _word_parts(word: str) -> tuple[Token, ...]:
    """One word's token, followed, for a medical word built from known parts ("odynophagia"), by the content
    words of its plain wording ("painful swallowing"): together they weigh what the word alone weighs."""
    token = _word(word)
    wording = wordparts.reading(word) if token.content and token.key not in drugs.tokens() else None
    if wording is None:
        return (token,)
    extra = list({t.key: t for t in tokens(wording) if t.content and t.key != token.key}.values())
    share = token.weight / (1 + len(extra))
    return (Token(token.key, word, share, True), *(Token(t.key, word, share, True) for t in extra))


@lru_cache(maxsize=65536)
def _word(word: str) -> Token:
    """One word as a token (a drug name, a stopword or a stemmed content word); cached."""
    canon = drugs.table().get(word)
    if canon is not None:
        return Token(canon, word, weight(canon), True)
    if word in STOPWORDS or not word:
        return Token(word, word, 0.0, False)
    return Token(stem(word), word, weight(word), True)


def content_keys(text: str) -> dict[str, float]:
    """Content token key -> weight (the largest weight among its spellings)."""
    keys: dict[str, float] = {}
    for tok in tokens(text):
        if tok.content and keys.get(tok.key, 0.0) < tok.weight:
            keys[tok.key] = tok.weight
    return keys
