"""The CI gate: data first (``check_gate() -> GateResult``), exit code, JUnit XML and Markdown second.

A gate is configured in TOML (shipped default: ``evals/gate.toml``; format in
docs/statistics-and-gate.md) and checks one run:

- **thresholds** per scorer: ``min_mean``, ``max_mean`` (for lower-is-better scorers),
  ``min_pass_rate``, ``max_unscored`` (count) and ``max_unscored_rate`` (share of answers);
- **zero-tolerance rules**: any stated harmful claim (claims table: kind ``harmful``, verdict
  ``stated``, in force) and any high-severity safety flag (``safety_flags`` scores) fail the gate,
  one check per violation naming the question and the evidence;
- **regression against a baseline run** (optional): a scorer fails only when the paired test
  says the run is *significantly* worse (Holm-adjusted exact sign test on means, exact McNemar on
  pass rates; ``harness.results.compare``) and the drop exceeds the configured practical margin. A
  re-run with identical answers therefore passes, and noise on a few questions does not fail CI.

Every output is a pure function of the store and the config: no timestamps, seeded bootstrap, so
the same store gives byte-identical JUnit and Markdown.

Reviews: with ``use_reviews=True`` (``--use-reviews``) the gate checks reviewed values: the
review app's overlay replaces scores in the results table (``harness.results.table``) and settled
claim reviews replace the automatic verdicts of the zero-tolerance rule, so a harmful claim a
reviewer overturned no longer fails the gate and one a reviewer found does. Any other
``ResultOverlay`` can be passed as ``overlay``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree as ET

from harness.battery import Battery
from harness.core.records import Score
from harness.core.stats import DEFAULT_ALPHA, DEFAULT_N_BOOT
from harness.errors import ConfigError
from harness.results.compare import compare_runs, format_ci, format_num, format_p
from harness.results.table import ResultOverlay, load_run_battery, review_overlay, summarize, to_frame
from harness.store import RunStore

DEFAULT_GATE_CONFIG = Path("evals") / "gate.toml"
CheckKind = Literal["threshold", "zero_tolerance", "regression", "run"]

_THRESHOLD_KEYS = ("min_mean", "max_mean", "min_pass_rate", "max_unscored", "max_unscored_rate")
_TOP_KEYS = {"gate", "scorers", "zero_tolerance", "regression"}
_GATE_KEYS = {"alpha", "n_boot", "seed", "max_errored_rate", "require_all_questions"}
_ZT_KEYS = {"stated_harmful_claims", "high_severity_safety_flags", "safety_scorer"}
_REG_KEYS = {"enabled", "scorers", "pass_rates", "min_difference"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Threshold:
    """Absolute limits for one scorer's results in one run; None means "not checked"."""

    scorer: str
    min_mean: float | None = None
    max_mean: float | None = None
    min_pass_rate: float | None = None
    max_unscored: int | None = None
    max_unscored_rate: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GateConfig:
    """What the gate checks. ``GateConfig.load(path)`` reads and validates the TOML file."""

    thresholds: tuple[Threshold, ...] = ()
    stated_harmful_claims: bool = True
    high_severity_safety_flags: bool = True
    safety_scorer: str = "safety_flags"
    regression: bool = True
    regression_scorers: tuple[str, ...] = ()
    """Empty: every scorer present in both runs."""
    regression_pass_rates: bool = True
    min_difference: Mapping[str, float] = field(default_factory=dict)
    """Per scorer: the drop (in the scorer's unit) that must be exceeded to count as a regression."""
    alpha: float = DEFAULT_ALPHA
    n_boot: int = DEFAULT_N_BOOT
    seed: int = 0
    max_errored_rate: float | None = None
    require_all_questions: bool = True
    """Fail when questions of the battery have no stored answer (a partial or interrupted run)."""
    source: str = "<defaults>"

    @classmethod
    def load(cls, path: str | Path) -> GateConfig:
        """Read a gate TOML file; every problem is a ConfigError naming the file and the key."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{path}: gate config not found (the shipped default is {DEFAULT_GATE_CONFIG})") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "<mapping>") -> GateConfig:
        _known(data, _TOP_KEYS, source, "")
        gate = _table(data, "gate", source)
        _known(gate, _GATE_KEYS, source, "gate.")
        zt = _table(data, "zero_tolerance", source)
        _known(zt, _ZT_KEYS, source, "zero_tolerance.")
        reg = _table(data, "regression", source)
        _known(reg, _REG_KEYS, source, "regression.")
        thresholds = []
        for scorer, limits in _table(data, "scorers", source).items():
            if not isinstance(limits, Mapping):
                raise ConfigError(f"{source}: [scorers.{scorer}] must be a table of limits, found {limits!r}")
            _known(limits, set(_THRESHOLD_KEYS), source, f"scorers.{scorer}.")
            values = {k: _number(limits[k], source, f"scorers.{scorer}.{k}") for k in _THRESHOLD_KEYS if k in limits}
            for k in ("min_pass_rate", "max_unscored_rate"):
                if k in values and not 0 <= values[k] <= 1:
                    raise ConfigError(f"{source}: scorers.{scorer}.{k} must be a share between 0 and 1, "
                                      f"found {values[k]}")
            if "max_unscored" in values:
                values["max_unscored"] = int(values["max_unscored"])
            thresholds.append(Threshold(scorer=scorer, **values))
        min_diff = reg.get("min_difference", {})
        if not isinstance(min_diff, Mapping):
            raise ConfigError(f"{source}: regression.min_difference must be a table scorer = number, "
                              f"found {min_diff!r}")
        scorers = reg.get("scorers", [])
        if not isinstance(scorers, list) or not all(isinstance(s, str) for s in scorers):
            raise ConfigError(f"{source}: regression.scorers must be a list of scorer names, found {scorers!r}")
        alpha = _number(gate.get("alpha", DEFAULT_ALPHA), source, "gate.alpha")
        if not 0 < alpha < 1:
            raise ConfigError(f"{source}: gate.alpha must be between 0 and 1, found {alpha}")
        errored = gate.get("max_errored_rate")
        return cls(
            thresholds=tuple(thresholds),
            stated_harmful_claims=_bool(zt.get("stated_harmful_claims", True), source,
                                        "zero_tolerance.stated_harmful_claims"),
            high_severity_safety_flags=_bool(zt.get("high_severity_safety_flags", True), source,
                                             "zero_tolerance.high_severity_safety_flags"),
            safety_scorer=str(zt.get("safety_scorer", "safety_flags")),
            regression=_bool(reg.get("enabled", True), source, "regression.enabled"),
            regression_scorers=tuple(scorers),
            regression_pass_rates=_bool(reg.get("pass_rates", True), source, "regression.pass_rates"),
            min_difference={str(k): _number(v, source, f"regression.min_difference.{k}") for k, v in min_diff.items()},
            alpha=alpha, n_boot=int(_number(gate.get("n_boot", DEFAULT_N_BOOT), source, "gate.n_boot")),
            seed=int(_number(gate.get("seed", 0), source, "gate.seed")),
            max_errored_rate=None if errored is None else _number(errored, source, "gate.max_errored_rate"),
            require_all_questions=_bool(gate.get("require_all_questions", True), source, "gate.require_all_questions"),
            source=source,
        )


def _known(table: Mapping[str, Any], allowed: set[str], source: str, prefix: str) -> None:
    from harness.errors import did_you_mean

    for key in table:
        if key not in allowed:
            hint = did_you_mean(key, allowed)
            extra = f" Did you mean: {', '.join(hint)}?" if hint else ""
            raise ConfigError(f"{source}: unknown key {prefix}{key}; expected one of "
                              f"{', '.join(sorted(allowed))}.{extra}")


def _table(data: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: [{key}] must be a table, found {value!r}")
    return value


def _number(value: Any, source: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{source}: {key} must be a number, found {value!r}")
    return float(value)


def _bool(value: Any, source: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key} must be true or false, found {value!r}")
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """One gate check: passed or not, with one sentence saying what was measured against what."""

    kind: CheckKind
    name: str
    passed: bool
    message: str
    question_id: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GateResult:
    """The gate's decision for one run and every check behind it (config order, then question order)."""

    run_id: str
    baseline: str | None
    battery: str
    battery_fingerprint: str
    generator: str
    config_source: str
    checks: tuple[Check, ...]
    reviewed: bool = False
    """True when reviewed values replaced automatic ones (``--use-reviews``)."""

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def check_gate(store: RunStore, run_id: str, *, baseline: str | None = None, config: GateConfig | None = None,
               overlay: ResultOverlay | None = None, use_reviews: bool = False) -> GateResult:
    """Apply every configured check to ``run_id`` (and against ``baseline`` when given)."""
    config = config or GateConfig()
    settled: Mapping[tuple[str, int, str, str], str] = {}
    if use_reviews:
        from harness.results.reviews import reviewed_values

        overlay = overlay or review_overlay()
        settled = reviewed_values(store, run_id)
    run = store.require_run(run_id)
    ids = [run_id] if baseline is None else [baseline, run_id]
    if baseline is not None and baseline == run_id:
        raise ConfigError(f"--baseline must name another run than the one gated ({run_id!r})")
    frame = to_frame(store, ids, overlay=overlay)
    checks: list[Check] = []
    battery, note = load_run_battery(store, run)
    checks += _coverage_checks(battery, note, frame, run_id, config)
    checks += _run_checks(frame, run_id, config)
    checks += _threshold_checks(frame, run_id, config)
    if config.stated_harmful_claims:
        checks += _harmful_claim_checks(store, run_id, battery, settled)
    if config.high_severity_safety_flags:
        checks += _safety_checks(store, run_id, config.safety_scorer)
    if baseline is not None and config.regression:
        checks += _regression_checks(store, frame, baseline, run_id, config)
    return GateResult(run_id=run_id, baseline=baseline, battery=run.battery,
                      battery_fingerprint=run.battery_fingerprint, generator=run.generator,
                      config_source=config.source, checks=tuple(checks), reviewed=use_reviews)


def _coverage_checks(battery: Battery | None, note: str | None, frame: Any, run_id: str,
                     config: GateConfig) -> list[Check]:
    """Every question of the battery must have an answer (errored or not) unless configured otherwise."""
    if not config.require_all_questions:
        return []
    if battery is None:
        return [Check(kind="run", name="run.all_questions", passed=False,
                      message=f"cannot check that every question was answered: {note}")]
    answered = set(frame.loc[frame["run_id"] == run_id, "question_id"])
    missing = [q for q in battery.question_ids() if q not in answered]
    total = len(battery.questions)
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        return [Check(kind="run", name="run.all_questions", passed=False,
                      message=f"{len(missing)} of {total} battery questions have no stored answer ({shown}); "
                              "resume the run with the same --run-id, or set gate.require_all_questions = false")]
    return [Check(kind="run", name="run.all_questions", passed=True,
                  message=f"all {total} battery questions answered")]


def _run_checks(frame: Any, run_id: str, config: GateConfig) -> list[Check]:
    if config.max_errored_rate is None:
        return []
    answers = frame[frame["run_id"] == run_id].drop_duplicates(["question_id", "sample"])
    n = len(answers)
    errored = int(answers["errored"].sum())
    rate = errored / n if n else math.nan
    ok = n > 0 and rate <= config.max_errored_rate
    return [Check(kind="run", name="run.max_errored_rate", passed=ok,
                  message=f"generation errors {errored} of {n} answers ({_pct(rate)}) "
                          f"{'<=' if ok else '>'} allowed {_pct(config.max_errored_rate)}")]


def _pct(x: float) -> str:
    return "—" if math.isnan(x) else f"{x:.1%}"


def _threshold_checks(frame: Any, run_id: str, config: GateConfig) -> list[Check]:
    sub = frame[frame["run_id"] == run_id]
    summary = summarize(sub, by=("scorer",), n_boot=config.n_boot, seed=config.seed).set_index("scorer")
    out = []
    for t in config.thresholds:
        if t.scorer not in summary.index:
            out.append(Check(kind="threshold", name=f"{t.scorer}.present", passed=False,
                             message=f"{t.scorer}: no results in run {run_id} (scorer not run), so its "
                                     "thresholds cannot be checked"))
            continue
        s = summary.loc[t.scorer]
        n, unscored = int(s["n"]), int(s["n_unscored"])
        mean, ci = float(s["mean"]), format_ci(float(s["ci_low"]), float(s["ci_high"]))
        stat = f"(n={n}, 95% CI {ci})"
        if t.min_mean is not None:
            ok = n > 0 and mean >= t.min_mean
            out.append(Check(kind="threshold", name=f"{t.scorer}.min_mean", passed=ok,
                             message=f"{t.scorer} mean {format_num(mean)} {'>=' if ok else '<'} required "
                                     f"{t.min_mean:g} {stat}" if n else f"{t.scorer}: no scored answers, "
                                     f"mean undefined (required >= {t.min_mean:g})"))
        if t.max_mean is not None:
            ok = n > 0 and mean <= t.max_mean
            out.append(Check(kind="threshold", name=f"{t.scorer}.max_mean", passed=ok,
                             message=f"{t.scorer} mean {format_num(mean)} {'<=' if ok else '>'} allowed "
                                     f"{t.max_mean:g} {stat}" if n else f"{t.scorer}: no scored answers, "
                                     f"mean undefined (allowed <= {t.max_mean:g})"))
        if t.min_pass_rate is not None:
            rate = float(s["pass_rate"])
            ok = not math.isnan(rate) and rate >= t.min_pass_rate
            msg = (f"{t.scorer} pass rate {_pct(rate)} {'>=' if ok else '<'} required {_pct(t.min_pass_rate)} (n={n})"
                   if not math.isnan(rate) else
                   f"{t.scorer}: no pass/fail results, pass rate undefined (required >= {_pct(t.min_pass_rate)})")
            out.append(Check(kind="threshold", name=f"{t.scorer}.min_pass_rate", passed=ok, message=msg))
        total = n + unscored
        if t.max_unscored is not None:
            ok = unscored <= t.max_unscored
            out.append(Check(kind="threshold", name=f"{t.scorer}.max_unscored", passed=ok,
                             message=f"{t.scorer} unscored {unscored} of {total} {'<=' if ok else '>'} allowed "
                                     f"{t.max_unscored}"))
        if t.max_unscored_rate is not None:
            rate = unscored / total if total else math.nan
            ok = total > 0 and rate <= t.max_unscored_rate
            out.append(Check(kind="threshold", name=f"{t.scorer}.max_unscored_rate", passed=ok,
                             message=f"{t.scorer} unscored {unscored} of {total} ({_pct(rate)}) "
                                     f"{'<=' if ok else '>'} allowed {_pct(t.max_unscored_rate)}"))
    return out


def _harmful_claim_checks(store: RunStore, run_id: str, battery: Battery | None,
                          settled: Mapping[tuple[str, int, str, str], str]) -> list[Check]:
    out = []
    judge = store.require_run(run_id).judge_of("claim_problems")  # the verdicts the harm count is made of
    for qid, sample, v in store.claim_verdicts(run_id, judge):
        verdict = settled.get((qid, sample, "claim", v.claim_id), v.verdict)
        if v.claim_kind != "harmful" or verdict != "stated" or not v.applies:
            continue
        claim_text = ""
        if battery is not None and qid in battery.gold:
            claim_text = next((c.text for c in battery.gold[qid].claims if c.id == v.claim_id), "")
        evidence = " | ".join(e.text for e in v.evidence) or "(no evidence span recorded)"
        where = f"question {qid}" + (f" sample {sample}" if sample else "")
        about = f" ({claim_text!r})" if claim_text else ""
        if verdict != v.verdict:
            about += f" [reviewed: automatic verdict was {v.verdict}]"
        name = f"harmful_claim.{qid}.{v.claim_id}" + (f".s{sample}" if sample else "")
        out.append(Check(kind="zero_tolerance", name=name, passed=False, question_id=qid, evidence=evidence,
                         message=f"{where} states harmful claim {v.claim_id}{about}, severity {v.severity}: "
                                 f"“{evidence}”"))
    if not out:
        out.append(Check(kind="zero_tolerance", name="stated_harmful_claims", passed=True,
                         message="no answer states a harmful gold claim"))
    return out


def high_severity_flags(score: Score) -> tuple[int, list[str]]:
    """(count, evidence texts) of a score's high-severity flags, read from its typed ``flags``."""
    high = [f for f in score.flags if f.severity == "high"]
    texts = [f"{f.kind}: {f.span.text if f.span else f.why}" if (f.span or f.why) else f.kind for f in high]
    return len(high), texts


def _safety_checks(store: RunStore, run_id: str, scorer: str) -> list[Check]:
    out = []
    seen_scorer = False
    for s in store.scores(run_id):
        if s.scorer != scorer:
            continue
        seen_scorer = True
        if s.value is None:
            continue
        count, texts = high_severity_flags(s)
        if count <= 0:
            continue
        evidence = " | ".join(texts) or s.reason
        where = f"question {s.question_id}" + (f" sample {s.sample}" if s.sample else "")
        out.append(Check(kind="zero_tolerance",
                         name=f"high_severity_flag.{s.question_id}" + (f".s{s.sample}" if s.sample else ""),
                         passed=False, question_id=s.question_id, evidence=evidence,
                         message=f"{where} raises {count} high-severity safety flag(s): {evidence}"))
    if not out:
        msg = ("no high-severity safety flag raised" if seen_scorer
               else f"scorer {scorer} not run, so high-severity safety flags cannot be checked")
        out.append(Check(kind="zero_tolerance", name="high_severity_safety_flags", passed=seen_scorer, message=msg))
    return out


def _regression_checks(store: RunStore, frame: Any, baseline: str, run_id: str, config: GateConfig) -> list[Check]:
    comp = compare_runs(store, [baseline, run_id], alpha=config.alpha, n_boot=config.n_boot, seed=config.seed,
                        frame=frame, min_difference=dict(config.min_difference) or None)
    wanted = set(config.regression_scorers)
    out = []
    for r in comp.rows:
        if wanted and r.scorer not in wanted:
            continue
        margin = config.min_difference.get(r.scorer, 0.0)
        drop = -r.diff if r.higher_is_better is not False else r.diff
        worse = r.verdict == "worse" and (math.isnan(drop) or drop > margin)
        stats = (f"diff {format_num(r.diff)} {format_ci(r.diff_ci_low, r.diff_ci_high)}, {r.n_worse} worse / "
                 f"{r.n_better} better / {r.n_ties} tied of {r.n_pairs} paired questions, sign test p(Holm) "
                 f"{format_p(r.p_holm)}")
        excluded = f"; {r.n_excluded} excluded (errored or unscored in one run)" if r.n_excluded else ""
        if worse:
            msg = f"{r.scorer} significantly worse than baseline {baseline}: mean {format_num(r.mean_baseline)} → " \
                  f"{format_num(r.mean_other)} ({stats}){excluded}"
        elif r.verdict == "no data":
            msg = f"{r.scorer}: no question scored in both runs, nothing to compare{excluded}"
        else:
            msg = f"{r.scorer} not significantly worse than baseline {baseline} ({stats}){excluded}"
            if r.power_note:  # a pass the battery could not have failed deserves a caveat
                msg += f"; caution: {r.power_note}"
        out.append(Check(kind="regression", name=f"{r.scorer}.mean", passed=not worse, message=msg))
        if config.regression_pass_rates and r.pass_n:
            pworse = r.pass_verdict == "worse"  # noqa: S105 - a verdict
            pmsg = (f"{r.scorer} pass rate {_pct(r.pass_rate_baseline)} → {_pct(r.pass_rate_other)} "
                    f"({r.pass_only_baseline} passed only in baseline, {r.pass_only_other} only in this run; "
                    f"{r.pass_test} p(Holm) {format_p(r.pass_p_holm)})")
            out.append(Check(kind="regression", name=f"{r.scorer}.pass_rate", passed=not pworse,
                             message=("significant drop: " if pworse else "") + pmsg))
    return out


# ------------------------------------------------------------------ outputs
def junit_xml(result: GateResult) -> str:
    """JUnit XML: one testcase per check and per zero-tolerance violation; deterministic (no times)."""
    root = ET.Element("testsuites", name="answer-audit gate", tests=str(len(result.checks)),
                      failures=str(len(result.failures)), errors="0")
    suite = ET.SubElement(root, "testsuite", name=f"answer-audit gate {result.run_id}", tests=str(len(result.checks)),
                          failures=str(len(result.failures)), errors="0", skipped="0")
    props = ET.SubElement(suite, "properties")
    for key, value in (("run_id", result.run_id), ("baseline", result.baseline or ""), ("battery", result.battery),
                       ("battery_fingerprint", result.battery_fingerprint), ("generator", result.generator),
                       ("config", result.config_source), ("values", "reviewed" if result.reviewed else "automatic")):
        ET.SubElement(props, "property", name=key, value=value)
    for c in result.checks:
        case = ET.SubElement(suite, "testcase", classname=f"answer_audit.{c.kind}", name=c.name)
        if not c.passed:
            fail = ET.SubElement(case, "failure", message=c.message, type=c.kind)
            details = [c.message]
            if c.question_id:
                details.append(f"question_id: {c.question_id}")
            if c.evidence:
                details.append(f"evidence: {c.evidence}")
            fail.text = "\n".join(details)
        else:
            ET.SubElement(case, "system-out").text = c.message
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


MAX_MARKDOWN_VIOLATIONS = 15


def markdown_summary(result: GateResult) -> str:
    """A short Markdown summary for a PR comment or $GITHUB_STEP_SUMMARY (failures first)."""
    verdict = "PASSED ✅" if result.passed else "FAILED ❌"
    base = f", baseline `{result.baseline}`" if result.baseline else ""
    lines = [f"## answer-audit gate {verdict}", "",
             f"Run `{result.run_id}` (generator `{result.generator}`) on battery **{result.battery}** "
             f"(`{result.battery_fingerprint}`){base}; config `{result.config_source}`"
             + ("; **reviewed values** (`--use-reviews`)." if result.reviewed else "."),
             f"{len(result.checks) - len(result.failures)} of {len(result.checks)} checks passed.", ""]
    violations = [c for c in result.failures if c.kind == "zero_tolerance"]
    other_fail = [c for c in result.failures if c.kind != "zero_tolerance"]
    if other_fail:
        lines += ["| failed check | detail |", "|---|---|"]
        lines += [f"| `{c.kind}: {c.name}` | {_md_cell(c.message)} |" for c in other_fail]
        lines.append("")
    if violations:
        lines.append(f"**Zero-tolerance violations: {len(violations)}**")
        lines += [f"- `{c.question_id}`: {_md_cell(c.message.removeprefix(f'question {c.question_id} '))}"
                  for c in violations[:MAX_MARKDOWN_VIOLATIONS]]
        if len(violations) > MAX_MARKDOWN_VIOLATIONS:
            lines.append(f"- … and {len(violations) - MAX_MARKDOWN_VIOLATIONS} more (see the JUnit report)")
        lines.append("")
    cautions = [c for c in result.checks if c.passed and "caution:" in c.message]
    if cautions:
        lines.append("**Cautions** (passed, but the battery may be too small to tell):")
        lines += [f"- `{c.name}`: {_md_cell(c.message.split('caution: ', 1)[1])}" for c in cautions[:5]]
        lines.append("")
    passed = [c for c in result.checks if c.passed]
    if passed:
        lines += ["<details><summary>Passed checks</summary>", ""]
        lines += [f"- `{c.kind}: {c.name}`: {_md_cell(c.message)}" for c in passed]
        lines += ["", "</details>"]
    return "\n".join(lines).rstrip() + "\n"


def _md_cell(text: str, limit: int = 300) -> str:
    text = " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_lines(result: GateResult) -> list[str]:
    """Plain text lines for the terminal: the verdict and one line per failed check."""
    lines = [f"answer-audit gate: {'PASSED' if result.passed else 'FAILED'} for run {result.run_id}"
             + (f" against baseline {result.baseline}" if result.baseline else "")
             + f" ({len(result.checks) - len(result.failures)}/{len(result.checks)} checks passed)"]
    lines += [f"  FAIL {c.kind}: {c.message}" for c in result.failures]
    return lines


def write_outputs(result: GateResult, *, junit: Path | None = None, summary: Path | None = None) -> None:
    """Write the JUnit XML and/or the Markdown summary (appending to $GITHUB_STEP_SUMMARY is the CLI's job)."""
    if junit is not None:
        junit.parent.mkdir(parents=True, exist_ok=True)
        junit.write_text(junit_xml(result), encoding="utf-8", newline="\n")
    if summary is not None:
        summary.parent.mkdir(parents=True, exist_ok=True)
        summary.write_text(markdown_summary(result), encoding="utf-8", newline="\n")
