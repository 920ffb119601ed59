"""Tests for citation extraction, offline resolution and the ``citation`` scorer."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from harness.battery import BatteryCard, GoldAnswer, Question, Requirements, Source, load_sources
from harness.core.records import Answer
from harness.errors import ConfigError
from harness.score.base import ScoringContext, build_scorer
from harness.score.engines.citations.extract import Extractor
from harness.score.engines.citations.resolve import Resolver, check_citations
from tests.paths import REPO, SEED_ANSWER

ROOT = REPO
SEED = SEED_ANSWER
AS_OF = dt.date(2026, 11, 26)

DLBCL = Source(id="nccn-patients-dlbcl", title="NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma",
               publisher="National Comprehensive Cancer Network (NCCN)", kind="patient-guide",
               editions=("Version 1.2016", "2017", "2020"), years=(2016, 2017, 2020),
               aliases=("NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphomas",))
PDQ = Source(id="nci-pdq-adult-nhl", title="Adult Non-Hodgkin Lymphoma Treatment (PDQ) – Patient Version",
             publisher="National Cancer Institute (NCI)", kind="patient-page",
             url="https://www.cancer.gov/types/lymphoma/patient/adult-nhl-treatment-pdq")
ZUMA7 = Source(id="zuma-7", title="Axicabtagene Ciloleucel as Second-Line Therapy for Large B-Cell Lymphoma",
               publisher="New England Journal of Medicine", kind="trial", doi="10.1056/NEJMoa2116133",
               years=(2022,), aliases=("ZUMA-7", "Locke et al. NEJM 2022"))
SHARED_URL_A = Source(id="nccn-a", title="NCCN Guidelines for Patients: Hodgkin Lymphoma",
                      publisher="National Comprehensive Cancer Network (NCCN)", kind="patient-guide",
                      url="https://www.nccn.org/patientresources/patient-resources/guidelines-for-patients")
SHARED_URL_B = Source(id="nccn-b", title="NCCN Guidelines for Patients: Multiple Myeloma",
                      publisher="National Comprehensive Cancer Network (NCCN)", kind="patient-guide",
                      url="https://www.nccn.org/patientresources/patient-resources/guidelines-for-patients")
REGISTRY = {s.id: s for s in (DLBCL, PDQ, ZUMA7, SHARED_URL_A, SHARED_URL_B)}


def _ctx(sources=REGISTRY, *, required: bool = False, gold_sources: tuple[str, ...] = (),
         as_of: dt.date = AS_OF) -> ScoringContext:
    gold = GoldAnswer(question_id="q", answer="Gold.", claims=[{"id": "c1", "text": "A claim."}],
                      sources=gold_sources, reviewed_by="test", reviewed_on=AS_OF, guideline_version="test",
                      requirements=Requirements(citation=required))
    return ScoringContext(question=Question(id="q", question="What now?"), gold=gold,
                          card=BatteryCard(name="t", version="1"), sources=sources, as_of=as_of)


def _answer(text: str | None, error: str | None = None) -> Answer:
    return Answer(question_id="q", generator="test", text=text, error=error)


def _score(text: str, **ctx_kwargs):
    return build_scorer("citation").score(_answer(text), _ctx(**ctx_kwargs))


# ------------------------------------------------------------------------------------ the seed answer

@pytest.mark.skipif(not SEED.exists(), reason="../shared/examples is not present")
def test_seed_answer_2026_edition_is_implausible_because_the_registry_does_not_list_it() -> None:
    score = _score(SEED.read_text(encoding="utf-8"), gold_sources=("nci-pdq-adult-nhl",))
    cites = score.evidence["citations"]
    edition = [c for c in cites if c["span"]["text"].endswith("(2026)")]
    assert len(edition) == 1
    assert edition[0]["status"] == "implausible"
    assert edition[0]["source_id"] == "nccn-patients-dlbcl"
    assert edition[0]["reason"] == ("registry lists editions Version 1.2016, 2017, 2020 for nccn-patients-dlbcl; "
                                    "2026 not among them")
    assert "audit date" not in edition[0]["reason"]  # 2026 is not in the future on 2026-11-26
    plural = [c for c in cites if c["span"]["text"] == "NCCN Guidelines for Patients with Diffuse Large B-Cell Lymphomas"]
    assert plural and plural[0]["status"] == "verified"
    assert plural[0]["acceptable"] is False  # a known source, but not one this gold answer lists
    assert score.passed is False
    assert score.evidence["counts"]["implausible"] == 1


def test_same_edition_is_fine_when_the_registry_lists_it() -> None:
    score = _score("Source: NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma (2020).")
    assert score.passed is True and score.value == 1.0
    assert score.evidence["citations"][0]["status"] == "verified"


def test_edition_of_a_source_without_listed_editions_is_unverifiable_not_implausible() -> None:
    bare = DLBCL.model_copy(update={"editions": (), "years": ()})
    score = _score("NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma (2026)", sources={bare.id: bare})
    cite = score.evidence["citations"][0]
    assert cite["status"] == "unverifiable"
    assert "lists no editions or years" in cite["reason"]


def test_future_date_is_implausible_and_says_the_audit_date() -> None:
    score = _score("See the NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma (2020).",
                   as_of=dt.date(2019, 6, 1))
    cite = score.evidence["citations"][0]
    assert cite["status"] == "implausible"
    assert cite["reason"] == "dated 2020, after the audit date 2019-06-01"


def test_future_month_in_the_audit_year() -> None:
    results = check_citations("Source: Locke et al., N Engl J Med 2022 (updated December 2026).",
                              REGISTRY, dt.date(2026, 11, 26))
    assert [r.status for r in results] == ["verified"]
    later = check_citations("Updated: NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma, December 2026.",
                            REGISTRY, dt.date(2026, 11, 26))
    assert later[0].status == "implausible" and "December 2026" in later[0].reason


# ------------------------------------------------------------------------------------ identifiers

@pytest.mark.parametrize(("text", "status"), [
    ("doi:10.1056/NEJMoa2116133", "verified"),
    ("https://doi.org/10.1056/nejmoa2116133", "verified"),
    ("doi: 10.1200/JCO.22.01725", "unverifiable"),
    ("doi: 10.12/abc", "implausible"),
    ("doi: NEJMoa2116133", "implausible"),
    ("PMID: 34891224", "unverifiable"),
    ("PMID: 34A91224", "implausible"),
    ("PMID 123456789", "implausible"),
])
def test_doi_and_pmid(text: str, status: str) -> None:
    results = check_citations(f"Reference: {text}.", REGISTRY, AS_OF)
    assert [r.status for r in results] == [status], [r.reason for r in results]


def test_url_shared_by_several_sources_lists_all_candidates_and_prefers_an_acceptable_one() -> None:
    url = "https://www.nccn.org/patientresources/patient-resources/guidelines-for-patients"
    results = Resolver(REGISTRY, AS_OF).check(f"Browse {url}", acceptable=["nccn-b"])
    assert results[0].status == "verified"
    assert set(results[0].candidates) == {"nccn-a", "nccn-b"}
    assert results[0].acceptable is True
    assert results[0].source_id == "nccn-b"


def test_unknown_page_on_a_known_host_is_unverifiable() -> None:
    [r] = check_citations("https://www.cancer.gov/types/breast", REGISTRY, AS_OF)
    assert r.status == "unverifiable" and "cancer.gov" in r.reason


def test_publisher_only_is_unverifiable_unless_configured() -> None:
    text = "According to the National Cancer Institute, most people are over 60."
    assert _score(text).evidence["citations"][0]["status"] == "unverifiable"
    lenient = build_scorer("citation", {"publisher_only_verifies": True}).score(_answer(text), _ctx())
    assert lenient.evidence["citations"][0]["status"] == "verified"
    assert lenient.passed is True


def test_similar_title_of_another_guide_does_not_match() -> None:
    [r] = check_citations("NCCN Guidelines for Patients: Follicular Lymphoma", REGISTRY, AS_OF)
    assert r.status == "unverifiable"
    assert r.source_id is None


# ------------------------------------------------------------------------------------ scorer contract

def test_unscored_on_generation_error_and_empty_text() -> None:
    scorer = build_scorer("citation")
    failed = scorer.score(_answer(None, error="timeout after 3 attempts"), _ctx())
    assert failed.value is None and failed.passed is None and "generation failed" in failed.reason
    empty = scorer.score(_answer("   \n"), _ctx())
    assert empty.value is None and "empty" in empty.reason


def test_no_citation_and_none_required_is_unscored_not_zero() -> None:
    score = _score("CAR T uses your own T cells. Ask your care team.")
    assert score.value is None and score.passed is None
    assert score.reason == "no citation given and none required"


def test_missing_citation_when_required() -> None:
    score = _score("CAR T uses your own T cells.", required=True)
    assert score.value == 0.0 and score.passed is False
    assert score.evidence["status"] == "missing"


def test_value_is_the_share_verified_and_gold_acceptability_is_reported() -> None:
    text = "See ZUMA-7 and the Mayo Clinic page https://www.mayoclinic.org/lymphoma."
    score = _score(text, gold_sources=("zuma-7",))
    assert score.value == pytest.approx(0.5)
    assert score.passed is True
    assert score.evidence["acceptable_sources_cited"] == ["zuma-7"]


def test_spans_point_into_the_answer_and_scoring_is_deterministic() -> None:
    text = ("Résumé — según la ‘NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma, Version 1.2016’ "
            "y Locke et al., N Engl J Med 2022; 日本語のテキスト. https://www.cancer.gov/types/lymphoma/patient/"
            "adult-nhl-treatment-pdq")
    first = _score(text)
    assert first == _score(text)
    for cite in first.evidence["citations"]:
        span = cite["span"]
        assert text[span["start"]:span["end"]] == span["text"]
    assert {c["status"] for c in first.evidence["citations"]} == {"verified"}


def test_huge_input_is_handled() -> None:
    text = ("CAR T is an option (ZUMA-7). " * 1500) + "doi: 10.12/abc"
    score = _score(text)
    assert score.evidence["counts"]["verified"] == 1500
    assert score.evidence["counts"]["implausible"] == 1
    assert score.passed is False


def test_unknown_parameter_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="min_title_score"):
        build_scorer("citation", {"min_score": 80})


def test_extractor_without_registry_still_finds_structural_citations() -> None:
    kinds = [m.kind for m in Extractor().extract("Locke et al., N Engl J Med 2022; PMID: 1; www.example.org/x")]
    assert kinds == ["journal", "pmid", "url"]


# ------------------------------------------------------------------------------------ measured

def _bench():
    spec = importlib.util.spec_from_file_location("bench_citations", ROOT / "benchmarks" / "bench_citations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labelled_cases_meet_their_floors() -> None:
    bench = _bench()
    cases = bench.load_cases()
    assert len(cases) >= 100
    result = bench.evaluate(cases)
    shown = "\n".join(result["errors"][:20])
    assert result["extraction"]["precision"] >= 0.95, shown
    assert result["extraction"]["recall"] >= 0.95, shown
    for status, figures in result["status"].items():
        assert figures["precision"] >= 0.9, (status, shown)
        assert figures["recall"] >= 0.9, (status, shown)
    assert result["passed_agreement"] >= 0.95, shown


def test_labelled_cases_are_varied() -> None:
    cases = _bench().load_cases()
    statuses = [c["status"] for case in cases for c in case["citations"]]
    for status in ("verified", "unverifiable", "implausible"):
        assert statuses.count(status) >= 15
    assert sum(1 for case in cases if not case["citations"]) >= 20
    assert len({case["text"] for case in cases}) == len(cases)


# ------------------------------------------------------------------------------------ the real registry

def test_real_registry_resolves_the_seed_edition_when_it_lists_editions() -> None:
    path = ROOT / "gold_answers" / "sources.yaml"
    sources, problems = load_sources(path)
    if problems or "nccn-patients-dlbcl" not in sources or not sources["nccn-patients-dlbcl"].editions:
        pytest.skip("gold_answers/sources.yaml does not (yet) list editions for nccn-patients-dlbcl")
    [r] = [r for r in check_citations("NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma (2026)",
                                      sources, AS_OF)]
    assert r.status == "implausible" and r.source_id == "nccn-patients-dlbcl"
    assert "2026 not among them" in r.reason


def test_site_with_a_page_title_is_a_reference_to_that_page_not_the_site() -> None:
    site = Source(id="cancernet-site", title="Cancer.Net", publisher="American Society of Clinical Oncology (ASCO)",
                  kind="patient-page", url="https://www.cancer.net")
    registry = {**REGISTRY, site.id: site}
    [page] = check_citations("More: - Cancer.Net: Ewing Family of Tumors - Childhood", registry, AS_OF)
    assert (page.mention.kind, page.status) == ("reference", "unverifiable")
    [whole] = check_citations("Visit Cancer.Net for more.", registry, AS_OF)
    assert (whole.status, whole.source_id) == ("verified", "cancernet-site")
    # MedQuAD really has "www.clinical trials.gov": "www.clinical" is not an address
    assert [m.text for m in Extractor().extract("go to www.clinical trials.gov")] == ["trials.gov"]


def test_every_span_of_every_labelled_case_is_exact() -> None:
    bench = _bench()
    extractor = Extractor(bench.load_registry().values())
    for case in bench.load_cases():
        for m in extractor.extract(case["text"]):
            assert case["text"][m.start:m.end] == m.text, (case["id"], m)
    [m] = extractor.extract("as shown (Bishop et al., 2022) before")
    assert m.text == "Bishop et al., 2022"


# ------------------------------------------------------------------------------------ prefilter and per-answer API

def _both(sources=()):
    return Extractor(sources, prefilter=True), Extractor(sources, prefilter=False)


def test_prefilter_changes_nothing_on_the_labelled_cases_and_the_samples() -> None:
    import json

    from harness.battery import load_battery

    bench = _bench()
    gated, ungated = _both(bench.load_registry().values())
    for case in bench.load_cases():
        assert gated.extract(case["text"]) == ungated.extract(case["text"]), case["id"]
    battery = load_battery(REPO / "evals" / "oncology.yaml")
    gated, ungated = _both(battery.sources.values())
    texts = [battery.gold[q.id].answer for q in battery.questions]
    for path in sorted((REPO / "evals" / "samples" / "oncology").glob("*.jsonl")):
        texts += [json.loads(line)["answer"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    found = 0
    for text in texts:
        mentions = gated.extract(text)
        assert mentions == ungated.extract(text), text[:80]
        found += len(mentions)
    assert found > 100  # the samples do cite: the comparison is not between two empty lists


FRAGMENTS = [
    "According to the American Cancer Society", "per NCCN", "Source: National Cancer Institute", "the FDA says",
    "(American Cancer Society, 2023)", "NCCN (2024)", "American  Cancer\nSociety", "AMERICAN CANCER SOCIETY says",
    "Leukemia and Lymphoma Society recommends", "Leukemia & Lymphoma Society", "NCCN Guidelines for Patients:",
    "Diffuse Large B-Cell Lymphoma", "ASCO 2023 guideline", "Version 1.2016", "version 2.2024", "Locke et al.",
    "N Engl J Med 2022", "Blood 2015;125:3679", "published in The Lancet", "a 2022 study in JAMA", "ZUMA-7 trial",
    "the trial called TRANSFORM", "Adult Non-Hodgkin Lymphoma Treatment (PDQ)", "PMID: 41037766", "pubmed id 12",
    "doi:10.1056/NEJMoa2116133", "10.1182/blood.2020", "https://www.cancer.gov/types", "www.nccn.org", "cancer.net",
    "FDA label for Yescarta", "prescribing information of Kymriah", "(Smith & Jones, 2019)", "Sources:\n- ",
    "References:", "American Cancer Society. Multiple Myeloma. Updated January 2027.", "fact sheet", "consensus",
    "İ", "ı", "ſ", "K", "PUBLİSHED İN", "acſ", "according to the American Cancer ſociety", "publiſhed in The Lancet",
    "Source: Mayo Clinic", "NatIonal CancEr InstItute ſays", "pubmed Id 7", "see", "the", "and", "2026", "(", ")", ".", ",", ";", ":", " ",
    "\n", "\n\n", "- ", "# ", "chemotherapy", "rituximab", "Dr.", "e.g.", "ASH", "WHO recommends", "per the NCI",
]


def test_prefilter_changes_nothing_on_generated_texts() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    gated, ungated = _both(REGISTRY.values())
    parts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=25)

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(parts, st.lists(st.sampled_from([" ", "", "\n", "  "]), min_size=25, max_size=25))
    def check(pieces: list[str], glue: list[str]) -> None:
        text = "".join(p + g for p, g in zip(pieces, glue, strict=False))
        assert gated.extract(text) == ungated.extract(text)

    check()


def test_prefilter_changes_nothing_on_medquad() -> None:
    import json

    from harness.battery import load_battery
    from tests.paths import SHARED_DATA

    path = SHARED_DATA / "medquad" / "medquad_cancer_qa.jsonl"
    if not path.exists():
        pytest.skip("MedQuAD cancer answers not present")
    gated, ungated = _both(load_battery(REPO / "evals" / "oncology.yaml").sources.values())
    texts = [json.loads(line)["answer"] for line in path.read_text(encoding="utf-8").splitlines()][::3]
    assert [gated.extract(t) for t in texts] == [ungated.extract(t) for t in texts]


def test_mentions_extracted_once_per_answer_on_the_analysis() -> None:
    from harness.score.citations import MENTIONS_KEY
    from harness.score.engines.citations import extract_citations

    text = "See the NCCN Guidelines for Patients: Diffuse Large B-Cell Lymphoma (2020). PMID: 12A45"
    answer = _answer(text)
    ctx = _ctx().with_answer(answer)
    first = build_scorer("citation").score(answer, ctx)
    held = ctx.analysis.get(MENTIONS_KEY, lambda: None)
    assert held is not None and [m.kind for m in held] == ["guideline", "pmid"]
    again = build_scorer("citation", {"min_title_score": 95}).score(answer, ctx)
    assert ctx.analysis.get(MENTIONS_KEY, lambda: None) is held  # the second scorer reused the mentions
    assert first.evidence["counts"] == again.evidence["counts"]
    assert extract_citations(text, Extractor(REGISTRY.values())) == held
    assert [m.kind for m in extract_citations("PMID: 1")] == ["pmid"]  # no registry: structural forms only
