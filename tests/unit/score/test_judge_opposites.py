"""Opposite terms about the same thing are not support (``opposites.txt`` through ``structure``'s rule).

An answer that shares a claim's words but says the opposite with an antonym or an opposite predicate
("painless" / "hurts", "before" / "after surgery", "rare" / "common") must not be "supported"; when the
two terms are about the same thing the verdict is "contradicted" and names both. Look-alikes (the same
words about different things, double negatives, mirrored comparisons, "usually" against "in a few") are
not contradictions. Cases are our own wording (not the dev file's).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from harness.battery import Claim
from harness.score.engines.judge import judge_answer, opposites

AS_OF = dt.date(2026, 11, 26)
DEV = Path(__file__).resolve().parents[2] / "cases" / "judge_opposites_dev.jsonl"


def _verdict(answer: str, claim: str):
    (v,) = judge_answer(answer, [Claim(id="c", text=claim)], as_of=AS_OF)
    return v


@pytest.mark.parametrize(("answer", "claim", "words"), [
    ("The sickness you may feel after the infusion is short-lived and passes within a day or two.",
     "The sickness after the infusion is long-lasting.", ("short-lived", "long-lasting")),
    ("Having a PET-CT is painless, although you need to lie still.", "Having a PET-CT hurts.", ("painless", "hurts")),
    ("Lymph node swelling from this infection is common in children.",
     "Lymph node swelling from this infection is rare in children.", ("common", "rare")),
    ("Drinking alcohol raises the chance of mouth cancer.", "Drinking alcohol reduces the chance of mouth cancer.",
     ("raises", "reduces")),
    ("The hormone tablets are taken after the operation, for five years.",
     "The hormone tablets are taken before the operation.", ("after", "before")),
    ("Skin cancer caught early can usually be cured.", "Skin cancer caught early is incurable.", ("cured", "incurable")),
    ("Your polyp was benign.", "Your polyp was malignant.", ("benign", "malignant")),
    ("The nerve damage from this drug is sometimes irreversible.", "The nerve damage from this drug is reversible.",
     ("irreversible", "reversible")),
    ("A colonoscopy is not painful for most people because you are given a sedative.",
     "A colonoscopy is painful for most people.", ("not painful", "painful")),
])
def test_an_opposite_term_about_the_same_thing_contradicts_and_names_both(answer: str, claim: str,
                                                                          words: tuple[str, str]) -> None:
    v = _verdict(answer, claim)
    assert v.verdict == "contradicted", v.reason
    assert words[0] in v.reason and words[1] in v.reason, v.reason
    assert v.evidence and words[0].split()[-1] in answer[v.evidence[0].start:v.evidence[0].end].lower()


@pytest.mark.parametrize(("answer", "claim"), [
    # the same opposite words about different things
    ("Thyroid cancer in children is rare, but thyroid cancer in adult women is common.",
     "Thyroid cancer in adult women is common."),
    ("Bruising is temporary, but the scar can be permanent.", "The scar can be permanent."),
    ("The tablets are taken before breakfast, and the injection after dinner.", "The injection is given after dinner."),
    ("The drug is approved for kidney cancer and is being studied in trials for bladder cancer.",
     "The drug is experimental for bladder cancer."),
    # double negatives
    ("Feeling low after a diagnosis is not unusual.", "Feeling low after a diagnosis is common."),
    ("The mole was not malignant.", "The mole was benign."),
    # a comparison and its mirror
    ("The chance of sickness is lower with the new anti-sickness drug than with the older one.",
     "The older anti-sickness drug carries a higher chance of sickness than the new one."),
    # what usually happens against what happens to a few
    ("Swelling is usually mild, but in a few people it can be severe.", "Swelling can be severe in a few people."),
    # a different subject
    ("Smoking raises the risk of throat cancer, while stopping lowers it.",
     "Stopping smoking lowers the risk of throat cancer."),
    # a blood test is not the opposite of a biopsy
    ("You will need a blood test on the day.", "A biopsy is needed on the day."),
])
def test_look_alikes_are_not_contradicted(answer: str, claim: str) -> None:
    v = _verdict(answer, claim)
    assert v.verdict != "contradicted", v.reason


def test_negation_turns_a_term_to_its_other_pole_and_exceptions_are_not_terms() -> None:
    (t,) = [t for t in opposites.terms("This reaction is not rare.") if t.group == "frequency"]
    assert t.negated and t.pole == 1  # "not rare" is the common pole
    (c,) = [t for t in opposites.terms("This reaction cannot be cured.") if t.group == "cure"]
    assert c.pole == -1
    assert not [t for t in opposites.terms("You will have a local anaesthetic.") if t.group == "spread"]
    assert not [t for t in opposites.terms("It lasts more than two weeks.") if t.group == "direction"]


def test_a_malformed_lexicon_line_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "opposites.txt"
    bad.write_text("# header\npain | attr | painful\n", encoding="utf-8")
    monkeypatch.setattr(opposites, "DATA", bad)
    opposites.groups.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"opposites.txt: line 2: expected"):
            opposites.groups()
    finally:
        monkeypatch.undo()
        opposites.groups.cache_clear()
        opposites.terms.cache_clear()


def test_every_group_of_the_shipped_lexicon_has_two_poles() -> None:
    table, _ = opposites.groups()
    assert len(table) >= 20
    for g in table:
        signs = set(g.poles.values()) | {s for _, s in g.prefixes}
        assert signs == {1, -1}, g.name


def test_dev_pairs_opposites_are_not_supported_and_look_alikes_not_contradicted() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 80
    got = [(r["label"], _verdict(r["answer"], r["claim"]).verdict) for r in rows]
    opposite = [p for g, p in got if g == "contradicted"]
    other = [p for g, p in got if g != "contradicted"]
    assert len(opposite) >= 40 and len(other) >= 40
    called = sum(p == "contradicted" for _, p in got)
    right = sum(p == "contradicted" for p in opposite)
    assert right / called >= 0.85, (right, called)  # precision of "contradicted"
    assert right / len(opposite) >= 0.75, (right, len(opposite))  # recall
    assert sum(p == "supported" for p in opposite) <= len(opposite) // 8


def test_the_standard_of_a_denied_comparison_is_not_denied():
    # "not the same as X" denies the sameness, not X: nothing against a claim about X
    (verdict,) = judge_answer("Supportive care is not the same as a hospice. A hospice team usually visits you at home.",
                              [Claim(id="c", text="Hospice care is usually given at home.", kind="essential")],
                              as_of=dt.date(2026, 11, 26))
    assert verdict.verdict != "contradicted", verdict.reason
    denied_sameness, denied = "palliative care is not the same as hospice", "palliative care is not hospice"
    assert opposites.negation(denied_sameness, denied_sameness.index("hospice")) is None
    assert opposites.negation(denied, denied.index("hospice")) == "not"
