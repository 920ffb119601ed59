"""Claim judging: does an answer support, miss or contradict each gold claim, and where does it say so?

``judge_answer(text, claims, *, as_of, profile="default")`` is the one entry point the claim
scorers and the CLI use. It returns one ``ClaimVerdict`` per claim, in claim order:

- essential/supporting claims: ``supported`` | ``missing`` | ``contradicted``;
- harmful/outdated claims: ``stated`` | ``absent`` (an outdated claim stated after its
  ``valid_until`` date is reported as stated and ``applies=True``: the answer is out of date);

each with evidence spans into the answer, a calibrated confidence and a reason in words.

Profiles (the ``profile`` argument, the claim scorers' ``judge`` parameter, ``--judge``):

- ``default``: the offline combiner shipped in ``harness/score/engines/judge/profiles/default.json``
  (features in ``harness.score.engines.judge.features``, fitted by ``harness.score.engines.judge.fit``);
- a name saved by ``answer-audit calibrate --name NAME``: ``<profiles dir>/NAME.json``, where the
  profiles dir is ``--profiles-dir``, else ``$ANSWER_AUDIT_JUDGES_DIR``, else ``reports/judges``;
- a path to such a JSON file;
- ``PREFIX:SPEC`` (e.g. ``openai:gpt-4.1``): a plug-in judge backend (see below).

Plug-in hook. A backend is anything with ``judge(text, claims, *, as_of) -> list[ClaimVerdict]``
(the ``Judge`` protocol). Register a factory ``factory(spec) -> Judge`` for a prefix with
``register_backend(prefix, factory)``, or put a module at ``harness.score.engines.judge.<module>`` listed in
``PLUGIN_MODULES`` that defines ``build_judge(spec: str) -> Judge``; it is imported on first use of
its prefix. ``openai:MODEL`` (``harness.score.engines.judge.llm``) is wired this way; ``semantic`` is reserved
for the optional sentence-embedding judge (``answer-audit[semantic]``), not built yet, so selecting
it says so. A backend must keep the verdict vocabulary above and should reuse ``apply_validity()``
for the audit-date logic.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from harness.battery import Claim
from harness.core.records import ClaimVerdict, Span
from harness.errors import ConfigError, UnknownNameError

__all__ = [
    "PLUGIN_MODULES",
    "Judge",
    "apply_validity",
    "get_judge",
    "judge_answer",
    "list_profiles",
    "profiles_dir",
    "register_backend",
]

DEFAULT_PROFILE = "default"
PACKAGED_PROFILES = Path(__file__).with_name("profiles")
DEFAULT_PROFILES_DIR = Path("reports") / "judges"
PLUGIN_MODULES: dict[str, str] = {"openai": "harness.score.engines.judge.llm", "semantic": "harness.score.engines.judge.semantic"}
"""Prefix -> module defining ``build_judge(spec)``, imported on first use."""


@runtime_checkable
class Judge(Protocol):
    """What every judge backend offers."""

    name: str

    def judge(self, text: str, claims: Sequence[Claim], *, as_of: dt.date) -> list[ClaimVerdict]: ...


_BACKENDS: dict[str, Callable[[str], Judge]] = {}


def register_backend(prefix: str, factory: Callable[[str], Judge]) -> None:
    """Make profiles ``prefix`` and ``prefix:anything`` resolve to ``factory(profile)``."""
    _BACKENDS[prefix] = factory


def profiles_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where named judge profiles live: ``override``, else $ANSWER_AUDIT_JUDGES_DIR, else reports/judges."""
    if override:
        return Path(override)
    env = os.environ.get("ANSWER_AUDIT_JUDGES_DIR")
    return Path(env) if env else DEFAULT_PROFILES_DIR


def list_profiles(directory: str | os.PathLike[str] | None = None) -> list[str]:
    """The profile names available: packaged ones, saved ones and plug-in prefixes."""
    names = {p.stem for p in PACKAGED_PROFILES.glob("*.json")}
    folder = profiles_dir(directory)
    if folder.is_dir():
        names |= {p.stem for p in folder.glob("*.json")}
    return sorted(names | set(_BACKENDS) | set(PLUGIN_MODULES))


def get_judge(profile: str = DEFAULT_PROFILE, *, directory: str | os.PathLike[str] | None = None) -> Judge:
    """Resolve a profile name (see the module docstring) to a judge; unknown names raise UnknownNameError."""
    prefix = profile.split(":", 1)[0]
    if prefix in _BACKENDS or prefix in PLUGIN_MODULES:
        return _backend(prefix, profile)
    if profile.endswith(".json") or os.sep in profile or "/" in profile:
        path = Path(profile)
        if not path.is_file():
            raise ConfigError(f"Judge profile file {profile} does not exist")
    else:
        path = PACKAGED_PROFILES / f"{profile}.json"
        if not path.is_file():
            path = profiles_dir(directory) / f"{profile}.json"
        if not path.is_file():
            raise UnknownNameError("judge profile", profile, list_profiles(directory))
    stat = path.stat()
    return _combiner_judge(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def _backend(prefix: str, profile: str) -> Judge:
    if prefix not in _BACKENDS:
        module_name = PLUGIN_MODULES[prefix]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            raise ConfigError(f"Judge profile {profile!r} needs {module_name} "
                              f"({exc.name} is not installed or not built yet)") from exc
        register_backend(prefix, module.build_judge)
    return _BACKENDS[prefix](profile)


@lru_cache(maxsize=32)
def _combiner_judge(path: str, mtime_ns: int, size: int) -> Judge:
    from harness.score.engines.judge.lexical import CombinerJudge
    from harness.score.engines.judge.model import read_combiner

    return CombinerJudge(read_combiner(Path(path)))


def apply_validity(claim: Claim, as_of: dt.date) -> tuple[bool, str]:
    """Whether the claim counts on the audit date, and a note saying why not (or why it is out of date).

    Essential, supporting and harmful claims count inside their validity window. An outdated
    claim counts (stating it is a problem) once the audit date is past its ``valid_until``; before
    that the superseded statement was still current and is not held against the answer.
    """
    if claim.kind == "outdated":
        if claim.valid_until is None or as_of > claim.valid_until:
            since = f" since {claim.valid_until + dt.timedelta(days=1)}" if claim.valid_until else ""
            return True, f"out of date{since} (audit date {as_of})"
        return False, f"not counted: still current until {claim.valid_until} (audit date {as_of})"
    if claim.valid_from is not None and as_of < claim.valid_from:
        return False, f"not counted: valid from {claim.valid_from} (audit date {as_of})"
    if claim.valid_until is not None and as_of > claim.valid_until:
        return False, f"not counted: valid until {claim.valid_until} (audit date {as_of})"
    return True, ""


def judge_answer(text: str, claims: Sequence[Claim], *, as_of: dt.date,
                 profile: str = DEFAULT_PROFILE) -> list[ClaimVerdict]:
    """One verdict per claim, in claim order, each with evidence spans, a confidence and a reason."""
    judge = get_judge(profile)
    return judge.judge(text, claims, as_of=as_of)


def span(text: str, start: int, end: int) -> Span:
    """A Span of ``text`` (helper for backends)."""
    return Span(start, end, text[start:end])
