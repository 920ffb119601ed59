"""Medical words read from their parts: "odynophagia" is painful swallowing, "nephrectomy" surgery to remove
a kidney, "hepatomegaly" an enlarged liver.

Clinicians write in words built from Greek and Latin combining forms; a patient answer (and a gold claim
written for patients) says the same thing in plain words. ``register.txt`` lists the frequent ones whole,
but no table lists every word a clinician may build ("cholangitis", "odynophagia", "thrombocytosis"), and
the answers the judge meets come from questions nobody has seen. Here a word is split into
``[prefix] root suffix`` over small tables of combining forms (the kind taught in any medical-terminology
course and used by consumer-health glossaries such as MedlinePlus's "Understanding medical words"), and the
suffix's template writes the plain wording: ``{root} inflammation``, ``surgery to remove the {root}``,
``enlarged {root}``, ``low {root} count``.

``reading(word)`` returns that plain wording, or None when the word does not split completely into known
parts, is an everyday English word (``wordfreq``: clinicians' rare words only), or is one the register table
or the drug dictionary already reads (the lexicon asks only for words no phrase row matched). The lexicon
uses the reading twice, as for a register row: its content words become tokens beside the word's own
(so "dysphagia" meets "trouble swallowing" in word coverage), and the embedding reads the plain wording.
"""

from __future__ import annotations

import re
from functools import lru_cache

ROOTS: dict[str, str] = {
    # organs and body parts
    "hepat": "liver", "hepato": "liver", "nephr": "kidney", "nephro": "kidney", "ren": "kidney",
    "cardi": "heart", "cardio": "heart", "pneumon": "lung", "pneum": "lung", "pulmon": "lung",
    "gastr": "stomach", "gastro": "stomach", "enter": "bowel", "entero": "bowel", "col": "colon",
    "colo": "colon", "proct": "rectum", "cyst": "bladder", "cysto": "bladder", "neur": "nerve",
    "neuro": "nerve", "encephal": "brain", "encephalo": "brain", "mening": "brain lining", "oste": "bone",
    "osteo": "bone", "arthr": "joint", "arthro": "joint", "my": "muscle", "myo": "muscle", "derm": "skin",
    "dermat": "skin", "dermato": "skin", "stomat": "mouth", "gingiv": "gum", "gloss": "tongue",
    "esophag": "esophagus", "oesophag": "esophagus", "laryng": "voice box", "pharyng": "throat",
    "tonsill": "tonsil", "rhin": "nose", "sinus": "sinus", "ot": "ear", "ophthalm": "eye", "blephar": "eyelid",
    "conjunctiv": "eye", "mast": "breast", "mamm": "breast", "hyster": "uterus", "metr": "uterus",
    "oophor": "ovary", "salping": "fallopian tube", "orchi": "testicle", "orchid": "testicle",
    "prostat": "prostate", "thyroid": "thyroid", "thyr": "thyroid", "parathyroid": "parathyroid gland",
    "adrenal": "adrenal gland", "pancreat": "pancreas", "splen": "spleen", "spleno": "spleen",
    "cholecyst": "gallbladder", "chol": "bile", "cholang": "bile duct", "angi": "blood vessel",
    "vascul": "blood vessel", "phleb": "vein", "arter": "artery", "lymphaden": "lymph node",
    "lymphangi": "lymph vessel", "lymph": "lymph", "myel": "bone marrow", "myelo": "bone marrow",
    "bronch": "airway", "broncho": "airway", "trache": "windpipe", "pleur": "lung lining",
    "pericard": "heart lining", "peritone": "belly lining", "append": "appendix", "appendic": "appendix",
    "duoden": "small bowel", "ile": "small bowel", "jejun": "small bowel", "sigmoid": "colon",
    "ur": "urine", "urethr": "urethra", "ureter": "ureter", "vagin": "vagina", "vulv": "vulva",
    "cervic": "cervix", "mucos": "lining", "muc": "mucus", "cephal": "head", "crani": "skull",
    "spondyl": "spine", "vertebr": "spine", "cost": "rib", "chondr": "cartilage", "ten": "tendon",
    "tendin": "tendon", "cutane": "skin", "hemat": "blood", "haemat": "blood", "hem": "blood",
    "haem": "blood", "sangu": "blood", "lip": "fat", "adip": "fat", "glyc": "sugar", "gluc": "sugar",
    "natr": "sodium", "kal": "potassium", "calc": "calcium", "magnes": "magnesium", "phosphat": "phosphate",
    "album": "albumin", "protein": "protein", "bilirubin": "bilirubin", "thromb": "blood clot",
    "thrombocyt": "platelet", "leukocyt": "white blood cell", "leuk": "white blood cell",
    "neutrophil": "neutrophil", "lymphocyt": "lymphocyte", "erythrocyt": "red blood cell",
    "erythr": "red blood cell", "cyt": "cell", "ox": "oxygen", "capn": "carbon dioxide",
    "phag": "swallowing", "pne": "breathing", "pnea": "breathing", "geus": "taste", "osm": "smell",
    "phas": "speech", "op": "vision", "ops": "vision", "aesthes": "feeling", "esthes": "feeling",
    "trich": "hair", "onych": "nail", "xer": "dry", "stom": "mouth", "pn": "breathing", "colon": "colon",
    "lapar": "belly", "myocard": "heart muscle", "myos": "muscle", "neutr": "neutrophil", "neutro": "neutrophil",
    "card": "heart", "end": "inside",
}
"""Combining form -> the plain noun it names."""

PREFIXES: dict[str, str] = {
    "dys": "trouble with", "odyn": "painful", "odyno": "painful", "a": "no", "an": "no",
    "brady": "slow", "tachy": "fast", "hyper": "high", "hypo": "low", "poly": "a lot of", "olig": "little",
    "oligo": "little", "xero": "dry", "hemi": "one-sided", "dipl": "double", "par": "abnormal",
    "peri": "around", "intra": "inside", "sub": "under", "supra": "above", "noct": "night-time", "hyp": "low",
}
"""Prefix -> the plain modifier written before the root's noun."""

SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ectomies", "surgery to remove the {root}"), ("ectomy", "surgery to remove the {root}"),
    ("ostomy", "an opening made into the {root}"), ("otomy", "a cut into the {root}"),
    ("oscopies", "a camera test of the {root}"), ("oscopy", "a camera test of the {root}"),
    ("ography", "a scan of the {root}"), ("ogram", "a scan of the {root}"),
    ("oplasty", "repair of the {root}"), ("itides", "{root} inflammation"), ("itis", "{root} inflammation"),
    ("algia", "{root} pain"), ("odynia", "{root} pain"), ("omegaly", "enlarged {root}"), ("megaly", "enlarged {root}"),
    ("opathies", "{root} damage"), ("opathy", "{root} damage"), ("pathy", "{root} damage"),
    ("otoxicity", "harm to the {root}"), ("toxicity", "harm to the {root}"), ("otoxic", "harmful to the {root}"),
    ("openia", "low {root} count"), ("penia", "low {root} count"), ("ocytosis", "high {root} count"),
    ("cytosis", "high {root} count"), ("orrhagia", "{root} bleeding"), ("orrhage", "{root} bleeding"),
    ("rrhagia", "{root} bleeding"), ("rrhage", "{root} bleeding"), ("orrhea", "{root} discharge"),
    ("rrhea", "{root} discharge"), ("emia", "{root} in the blood"), ("aemia", "{root} in the blood"),
    ("uria", "{root} in the urine"), ("ia", "{root}"), ("ea", "{root}"), ("ism", "{root}"),
)
"""Suffix -> the template of the plain wording (longest first at each ending)."""

SPECIAL: dict[tuple[str, str], str] = {
    ("uria", "dys"): "painful urination", ("uria", "hemat"): "blood in the urine",
    ("uria", "haemat"): "blood in the urine", ("uria", "noct"): "urinating at night",
    ("uria", "poly"): "urinating a lot", ("uria", "olig"): "passing little urine",
    ("ia", "dys"): "trouble with {root}", ("ia", "odyn"): "painful {root}", ("ia", "odyno"): "painful {root}",
    ("ia", "a"): "no {root}", ("ia", "an"): "no {root}", ("ea", "dys"): "shortness of breath",
    ("ea", "a"): "stopped breathing", ("ea", "tachy"): "fast breathing", ("ia", "xero"): "dry {root}",
    ("ia", "tachy"): "a fast {root}beat", ("ia", "brady"): "a slow {root}beat", ("ia", "dipl"): "double vision",
    ("ia", "par"): "tingling", ("emia", "hyper"): "high {root} in the blood",
    ("emia", "hypo"): "low {root} in the blood", ("emia", "hyp"): "low {root} in the blood",
}
"""(suffix, prefix) -> a wording of its own where the general template would read badly."""

WHOLE: dict[str, str] = {
    "lymphadenopathy": "swollen lymph nodes", "mucositis": "mouth sores, inflammation of the mouth lining",
}
"""Words whose parts mislead (the parts of "lymphadenopathy" say damage; it means swollen nodes)."""

_MIN_LENGTH = 7
_MAX_ZIPF = 3.3
"""Words at least this frequent in general English are everyday words, read as they are."""


@lru_cache(maxsize=65536)
def reading(word: str) -> str | None:
    """The plain wording of a medical word built from known parts, or None (see the module docstring)."""
    if word in WHOLE:
        return WHOLE[word]
    if len(word) < _MIN_LENGTH or not word.isalpha() or _everyday(word):
        return None
    for suffix, template in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        if stem in PREFIXES and (suffix, stem) in SPECIAL:  # "dysuria", "oliguria": a prefix and the suffix
            return SPECIAL[(suffix, stem)]
        found = _split(stem)
        if found is None:
            continue
        prefix, root = found
        noun = ROOTS[root]
        wording = SPECIAL.get((suffix, prefix))
        if wording is None:
            if suffix in ("ia", "ea", "ism") and not prefix:
                continue  # "pneumonia", "anemia": a bare root with "-ia" names a condition, not a description
            wording = template
            if prefix and "{root}" in template:
                wording = template.replace("{root}", f"{PREFIXES[prefix]} {{root}}", 1)
        text = wording.replace("{root}", noun)
        return re.sub(r"\s+", " ", text).strip() or None
    return None


def _split(stem: str) -> tuple[str, str] | None:
    """(prefix or "", root) when ``stem`` is a known root, or a known prefix followed by one ("o" may join)."""
    for candidate in (stem, stem.removesuffix("o")):
        if candidate in ROOTS:
            return "", candidate
    for prefix in sorted(PREFIXES, key=len, reverse=True):
        if stem.startswith(prefix):
            rest = stem[len(prefix):]
            for candidate in (rest, rest.removesuffix("o"), rest.removeprefix("o")):
                if candidate in ROOTS and len(candidate) >= 2:
                    return prefix, candidate
    return None


@lru_cache(maxsize=65536)
def _everyday(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= _MAX_ZIPF
