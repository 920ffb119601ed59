"""The vocabulary and the fixed regular expressions of citation extraction.

Publishers and journals patients see cited, edition and date forms, and the patterns that need no
registry (URLs, DOIs, PMIDs, journal references, trial names, PDQ titles, Sources-list headings).
``harness.score.engines.citations.extract`` combines them with the registry's own names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from harness.battery import Source

KNOWN_PUBLISHERS: tuple[str, ...] = (
    "National Comprehensive Cancer Network", "NCCN", "American Society of Clinical Oncology", "ASCO",
    "European Society for Medical Oncology", "ESMO", "American Society of Hematology", "ASH",
    "American Cancer Society", "ACS", "National Cancer Institute", "NCI", "Cancer.Net",
    "National Institutes of Health", "NIH", "MedlinePlus", "U.S. Food and Drug Administration",
    "Food and Drug Administration", "FDA", "Centers for Disease Control and Prevention", "CDC",
    "World Health Organization", "WHO", "National Institute for Health and Care Excellence", "NICE",
    "European Hematology Association", "EHA", "U.S. Preventive Services Task Force", "USPSTF",
    "Leukemia & Lymphoma Society", "Leukemia and Lymphoma Society", "LLS", "Lymphoma Research Foundation",
    "Mayo Clinic", "Cleveland Clinic", "MD Anderson", "MD Anderson Cancer Center",
    "Memorial Sloan Kettering", "Memorial Sloan Kettering Cancer Center", "Dana-Farber",
    "Cancer Research UK", "Macmillan Cancer Support", "Lymphoma Action", "American Lung Association",
    "Susan G. Komen", "Breastcancer.org", "Prostate Cancer Foundation", "American Urological Association",
    "AUA", "American College of Obstetricians and Gynecologists", "ACOG", "American Academy of Pediatrics",
    "Multiple Myeloma Research Foundation", "International Myeloma Foundation", "PubMed", "Cochrane",
    "UpToDate", "WebMD", "Healthline",
)

JOURNALS: tuple[str, ...] = (
    "N Engl J Med", "NEJM", "New England Journal of Medicine", "The New England Journal of Medicine",
    "The Lancet Oncology", "The Lancet Haematology", "The Lancet", "Lancet Oncol", "Lancet Haematol", "Lancet",
    "JAMA Oncology", "JAMA Oncol", "JAMA Network Open", "JAMA", "J Clin Oncol", "JCO",
    "Journal of Clinical Oncology", "Blood Advances", "Blood Adv", "Blood", "Nature Medicine", "Nat Med",
    "Nature Communications", "Nat Commun", "Nature", "Science Translational Medicine", "Sci Transl Med",
    "Ann Oncol", "Annals of Oncology", "BMJ", "CA Cancer J Clin", "CA: A Cancer Journal for Clinicians",
    "Clin Cancer Res", "Clinical Cancer Research", "Br J Haematol", "British Journal of Haematology",
    "Haematologica", "Cureus", "Sci Rep", "Scientific Reports", "Mayo Clin Proc", "Cochrane Database Syst Rev",
    "J Natl Cancer Inst", "JNCI", "Journal of the National Cancer Institute", "Lancet Oncology",
    "Cancer Discovery", "Cancer Discov", "J Hematol Oncol", "Leukemia", "Cancer",
)
# Journal names that are also everyday words: accepted only next to "et al." or "published in".
AMBIGUOUS_JOURNALS = frozenset({"Cancer", "Leukemia", "Nature", "Blood", "Lancet", "JAMA", "BMJ"})

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
YEAR = r"(?:19|20)\d\d"
EDITION = (rf"(?:(?:[Vv]ersion|[Vv]er\.|v\.?|V)\s*\d{{1,2}}\.{YEAR}|(?:(?:{MONTHS})\.?\s+)?{YEAR}"
            rf"(?:\s+(?:edition|update|version))?)")
DOC_NOUNS = (r"(?:Clinical\s+Practice\s+)?(?:[Gg]uidelines?|[Gg]uidance|[Rr]ecommendations?|[Cc]onsensus"
              r"(?:\s+[Ss]tatement)?|[Pp]osition\s+[Ss]tatement|[Pp]atient\s+[Gg]uides?|[Ff]act\s+[Ss]heets?)")
# Words that end a guideline's topic: the sentence goes on to say what the source says.
TOPIC_STOP = frozenset({
    "that", "which", "who", "is", "are", "was", "were", "say", "says", "said", "recommend",
    "recommends", "recommended", "state", "states", "note", "notes", "suggest", "suggests", "advise",
    "advises", "when", "if", "because", "to", "as", "so", "but", "and", "or", "also", "now", "may",
    "can", "will", "should", "explain", "explains", "describe", "describes", "show", "shows", "list",
    "lists"
})

# patterns that do not depend on the registry

URL = re.compile(
    r"(?:https?://|www\.(?=[\w-]+\.[a-z]))[^\s<>\"'()\[\]]+(?:\([^\s()]*\)[^\s<>\"'()\[\]]*)*"
    r"|\b(?:[a-z0-9-]+\.)+(?:gov|org|com|net|edu|int|uk|ca|au)(?:/[^\s<>\"'()\[\]]*)?", re.I)
# "doi:" claims whatever follows is a DOI (so "doi: NEJM123" is malformed); "doi " must be followed by a digit,
# so the word "doing" or "the doi is" are not citations.
# "(Locke et al., 2022)", "(Smith & Jones, 2019)": author-year in-text citations
AUTHOR_YEAR = re.compile(
    rf"\((?!(?:{MONTHS})\b)(?P<authors>[A-Z][a-z][A-Za-z'’\-]+(?:\s+(?:&|and)\s+[A-Z][a-z][A-Za-z'’\-]+)?"
    rf"(?:\s+et\s+al\.?)?),\s+"
    rf"(?P<year>{YEAR})[a-z]?\)")
# "the FDA label for Yescarta", "prescribing information for Kymriah and Yescarta"
LABEL_FOR = re.compile(
    r"\b(?:(?:the\s+)?(?:FDA|U\.S\.)(?:['’]s)?\s+)?(?:drug\s+)?(?:labels?|prescribing\s+information|package\s+inserts?)"
    r"\s+(?:for|of)\s+[A-Z][\w-]+(?:(?:,\s*|,?\s+and\s+)[A-Z][\w-]+)*")
SITE_TITLE = re.compile(r":[ \t]+(?P<title>[A-Z][^\n;]{2,120}?)(?=\s+[-–—]\s|[ \t]*\n|;|\.\s|\.?$)")
DOI = re.compile(r"(?:\bdoi\s*:\s*|\bdoi\s+(?=\d)|https?://(?:dx\.)?doi\.org/)(?P<doi>\S+)"
                  r"|(?<![\w/.])(?P<bare>10\.\d{4,9}/[^\s\"<>]+)", re.I)
PMID = re.compile(r"\b(?:PMIDs?|PubMed\s+IDs?)\s*[:#]?\s*(?P<pmid>[^\s,;)\]]+)", re.I)
MORE_PMIDS = re.compile(r"\s*,\s*(?:and\s+)?(?P<pmid>\d{1,12})\b")
ET_AL = re.compile(
    r"(?P<authors>\b[A-Z][A-Za-z'’\-]+(?:\s+[A-Z]{{1,3}}\b)?),?\s+et\s+al\b\.?,?\s*"
    # Vancouver style puts the article title between "et al." and the journal
    r"(?:(?!(?:{journals})\b)(?P<title>[A-Z][^.;\n]{{5,250}}?)\.\s+(?=(?:{journals})\.?,?\s+(?:19|20)\d\d))?"
    r"(?:\(?\s*(?P<journal>{journals})\.?\s*\)?,?\s*)?"
    r"(?:\(\s*)?(?P<year>{year})\b\)?"
    r"(?P<tail>\s*;\s*\d+(?:\(\d+\))?\s*:\s*[\deE]+(?:\s*[-–]\s*\d+)?)?".format(
        journals="|".join(re.escape(j) for j in JOURNALS), year=YEAR))
JOURNAL_YEAR = re.compile(
    r"(?<![\w.])(?P<journal>{journals})\.?,?\s+(?P<year>{year})\b"
    r"(?P<tail>\s*;\s*\d+(?:\(\d+\))?\s*:\s*[\deE]+(?:\s*[-–]\s*\d+)?)?".format(
        journals="|".join(re.escape(j) for j in JOURNALS), year=YEAR))
PUBLISHED_IN = re.compile(
    r"(?:(?:a|an|the)\s+(?P<year1>{year})\s+(?:study|trial|paper|report|article|analysis)\s+"
    r"(?:published\s+)?in\s+|published\s+in\s+)(?:the\s+)?(?P<journal>{journals})\b"
    r"(?:\s+in\s+(?P<year2>{year})\b)?".format(journals="|".join(re.escape(j) for j in JOURNALS), year=YEAR),
    re.I)
TRIAL = re.compile(
    r"\b(?P<name>[A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z0-9]+)*)\s+(?:phase\s+(?:1|2|3|I|II|III)\s+)?(?:trial|study)\b"
    r"|\b(?:trial|study)\s+(?:called|named|known\s+as)\s+(?P<name2>[A-Z][A-Za-z]*[A-Z0-9](?:-[A-Z0-9]+)*)\b")
PDQ = re.compile(
    r"\b(?P<title>(?:[A-Z][\w\-’']*\s+){1,8}?(?:Treatment|Screening|Prevention)\s*\(PDQ®?\)"
    r"(?:\s*[–—-]\s*(?:Patient|Health\s+Professional)\s+Version)?)")
SOURCES_HEAD = re.compile(
    r"^[ \t>*#_-]*(?:Sources?|References?|Citations?|Further\s+reading|Source\s+Guidelines|Learn\s+more|"
    r"Resources)[*_ \t]*:?[*_ \t]*", re.I | re.M)
VERSION_ONLY = re.compile(rf"\b(?:[Vv]ersion|[Vv]er\.)\s*\d{{1,2}}\.(?P<year>{YEAR})\b")
YEAR_RE = re.compile(rf"\b({YEAR})\b")

DOC_TAIL = re.compile(r"\s+(?:guide|page|website|site|summary|fact\s+sheet|booklet)\b", re.I)
NOT_TRIALS = frozenset({
    "CAR", "MRD", "DNA", "PET", "CT", "MRI", "THE", "THIS", "THAT", "ONE", "A", "AN", "OUR", "YOUR",
    "NIH", "FDA", "NCI", "NCCN", "ASCO", "ESMO", "ASH", "ACS", "CDC", "WHO", "LLS", "EHA", "NICE",
    "AML", "ALL", "CLL", "SLL", "DLBCL", "HIV", "HPV"
})
DISTINCT_WORDS = re.compile(r"\b(?:PDQ|label|prescribing|guidelines?|guide|et al|trial|fact sheet|page|"
                             r"Cancer\.Net|clinicaltrials\.gov)\b|\d", re.I)


# patterns built from publisher and registry names

def publisher_names(sources: Iterable[Source]) -> list[str]:
    """Known publisher names: the static list plus each registry publisher and its (ACRONYM)s."""
    names = set(KNOWN_PUBLISHERS)
    for s in sources:
        for part in re.split(r",\s*", s.publisher):
            bare = re.sub(r"\s*\([^)]*\)", "", part).strip()
            if bare:
                names.add(bare)
                if bare.lower().startswith("the "):
                    names.add(bare[4:])
            names.update(a.strip() for a in re.findall(r"\(([^)]+)\)", part) if 2 <= len(a.strip()) <= 12)
    # longest first so "National Cancer Institute" wins over "NCI"-like prefixes
    return sorted(names, key=len, reverse=True)


def org_pattern(names: list[str]) -> str:
    parts = []
    for n in names:
        escaped = re.escape(n).replace(r"\ ", r"\s+").replace(r"\&", "(?:&|and)")
        # acronyms are matched case-sensitively; full names in any case
        parts.append(escaped if n.isupper() else f"(?i:{escaped})")
    return "(?:" + "|".join(parts) + ")"


def is_distinctive(name: str, publishers: re.Pattern[str]) -> bool:
    """A multi-word registry name that, written out, is a citation rather than ordinary words."""
    return bool(DISTINCT_WORDS.search(name) or publishers.search(name.lower()))


def publisher_regex(publishers: list[str]) -> re.Pattern[str]:
    """Publisher names worth recognising inside a registry name (acronyms, or longer than 6 characters)."""
    names = [re.escape(p.lower()) for p in publishers if len(p) >= 3 and (p.isupper() or len(p) > 6)]
    return re.compile(r"(?<!\w)(?:" + "|".join(names) + r")(?!\w)") if names else re.compile(r"(?!)")


def distinctive_names(sources: Iterable[Source], known_publishers: list[str]) -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern, name, source id) for registry names that can be looked for anywhere in the text."""
    out = []
    publishers = publisher_regex(known_publishers)
    for s in sources:
        for name in (s.title, *s.aliases):
            name = name.strip()
            if not name:
                continue
            single = " " not in name
            if single and s.kind == "trial" and (any(c.isdigit() for c in name) or sum(c.isupper() for c in name) >= 4):
                pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")  # case-sensitive trial name
            elif not single and is_distinctive(name, publishers):
                words = ["(?:&|and)" if w in {"&", "and"} else re.escape(w) for w in re.split(r"\s+", name)]
                # words may be joined by punctuation, and a publisher may be possessive ("ACS's")
                pattern = re.compile(r"(?<![\w-])" + r"(?:['’]s)?[\s:,.–—-]*".join(words) + r"(?![\w-])", re.I)
            else:
                continue
            out.append((pattern, name, s.id))
    return out
