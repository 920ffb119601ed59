"""``answer-audit run``: ask a generator every question of a battery, score, store, export.

Exit codes: 0 the run finished (errored answers are recorded, not fatal); 1 every generation
failed, or the run stopped early because its first answers could not reach the generator
(``--stop-after``); 2 usage or input error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from harness.apps.cli.common import add_reports_option, add_store_option, iso_date, open_store
from harness.apps.cli.progress import PROGRESS_EVERY_S, progress_reporter
from harness.errors import UnknownNameError
from harness.generate.failures import DEFAULT_STOP_AFTER, ErrorTally, FailureWatch, StopRun, endpoint_of, plural

if TYPE_CHECKING:
    from harness.battery import Battery
    from harness.generate import Generator
    from harness.run import RunSummary
    from harness.store import RunStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("run", help="run a battery through a generator, score every answer, write reports",
                       description="Run a battery through a generator; every answer and score is stored at once, "
                                   "and re-running the same --run-id resumes.")
    p.add_argument("--battery", required=True, help="battery name (evals/<name>.yaml) or path")
    p.add_argument("--generator", required=True,
                   help="generator spec: recorded:FILE.jsonl | command:CMD | python:MODULE:FUNC | gold | openai:MODEL")
    p.add_argument("--run-id", help="resume or name the run (default: <battery>-<generator>-<timestamp>)")
    p.add_argument("--question", action="append", dest="questions", metavar="QID",
                   help="only this question (repeatable)")
    p.add_argument("--scorer", action="append", dest="scorers", metavar="NAME",
                   help="only these scorers (repeatable; default: all built-in)")
    p.add_argument("--judge", default=None, help="claim judge profile for the claim scorers (default: default)")
    p.add_argument("--param", action="append", dest="params", default=None, metavar="SCORER.PARAM=VALUE",
                   help="a scorer parameter, e.g. claim_recall.min_recall=0.8 (repeatable; VALUE is read as "
                        "JSON when it parses, else as text); checked before any answer is generated")
    p.add_argument("--samples", type=int, default=1, help="answers per question (default 1)")
    p.add_argument("--concurrency", type=int, default=4, help="questions generated at once (default 4)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per generation (default 120)")
    p.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="scoring processes beside generation (default: the machine's cores; a run with fewer "
                        "than 32 answers per core scores in-process); 1 scores in this process. Scores do not "
                        "depend on it")
    p.add_argument("--executor", default="local", metavar="local|dask:ADDRESS",
                   help="where generation and scoring tasks run: local (default) or a Dask cluster, e.g. "
                        "dask:tcp://10.0.0.5:8786 (needs the 'scale' extra; docs/scale.md). The store stays "
                        "on this machine and is written by this process only")
    live = p.add_argument_group("live models (openai:MODEL)")
    live.add_argument("--base-url", default=None,
                      help="OpenAI-compatible endpoint root, e.g. http://127.0.0.1:8000/v1 "
                           "(default $OPENAI_BASE_URL, else https://api.openai.com/v1)")
    live.add_argument("--api-key-env", default="OPENAI_API_KEY", metavar="VAR",
                      help="environment variable holding the API key (default OPENAI_API_KEY); never recorded")
    live.add_argument("--temperature", type=float, default=None, help="sampling temperature (default: server's)")
    live.add_argument("--seed", type=int, default=None, help="sampling seed; sample k is sent seed+k")
    live.add_argument("--max-tokens", type=int, default=None, help="completion token limit per answer")
    live.add_argument("--rpm", type=float, default=None, help="client-side limit: requests per minute")
    live.add_argument("--tpm", type=float, default=None, help="client-side limit: tokens per minute")
    live.add_argument("--max-attempts", type=int, default=4,
                      help="attempts per request including the first (default 4); retries back off exponentially")
    live.add_argument("--no-cache", action="store_true",
                      help="always ask the endpoint (default: reuse cached responses from the run store)")
    live.add_argument("--cache-max-age", type=_age, default=None, metavar="AGE",
                      help="reuse cached responses only when younger than AGE (e.g. 12h, 7d, 3600s; "
                           "default: any age)")
    p.add_argument("--dry-run", action="store_true",
                   help="print how many requests and roughly how many tokens the run needs, then stop")
    p.add_argument("--as-of", type=iso_date, default=None,
                   help="audit date for outdated claims and citation dates (default: today)")
    p.add_argument("--no-progress", action="store_true",
                   help="no progress bar (on a terminal) and no progress lines (in CI logs)")
    p.add_argument("--progress-every", type=float, default=PROGRESS_EVERY_S, metavar="SECONDS",
                   help=f"when output is not a terminal, print a progress line this often "
                        f"(default {PROGRESS_EVERY_S:g} s)")
    p.add_argument("--stop-after", type=int, default=DEFAULT_STOP_AFTER, metavar="N",
                   help=f"stop when the first N answers all fail to reach the generator (connection refused, "
                        f"command not found, key rejected; default {DEFAULT_STOP_AFTER}; 0 never stops)")
    p.add_argument("--no-report", action="store_true", help="skip writing reports/<run_id>/")
    add_store_option(p)
    add_reports_option(p)
    p.set_defaults(func=handle)


def scorer_specs(names: list[str] | None, judge: str | None,
                 params: list[str] | None = None) -> list[str | dict[str, object]] | None:
    """Scorer specs from --scorer/--judge/--param; None keeps the defaults (or a resumed run's own)."""
    import json

    from harness.errors import ConfigError
    from harness.score.base import DEFAULT_SCORERS

    if names is None and judge is None and not params:
        return None
    chosen: dict[str, dict[str, object]] = {}
    for name in names or DEFAULT_SCORERS:
        chosen[name] = {"judge": judge} if judge is not None and name in ("claim_recall", "claim_problems") else {}
    for item in params or []:
        key, sep, raw = item.partition("=")
        scorer, dot, param = key.partition(".")
        if not sep or not dot or not scorer or not param:
            raise ConfigError(f"--param {item!r}: expected SCORER.PARAM=VALUE, e.g. claim_recall.min_recall=0.8")
        if scorer not in chosen:
            raise ConfigError(f"--param {item!r}: scorer {scorer!r} is not among this run's scorers "
                              f"({', '.join(chosen)})")
        try:
            value: object = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        chosen[scorer][param] = value
    return [{"name": n, "params": p} if p else n for n, p in chosen.items()]


def handle(args: argparse.Namespace) -> int:
    from harness.battery import load_battery
    from harness.generate import GeneratorOptions, make_generator
    from harness.run import default_run_id, run_battery

    if not args.dry_run:
        _prestart_workers(args)
    battery = load_battery(args.battery)
    with open_store(args) as store:
        options = GeneratorOptions(
            timeout_s=args.timeout, base_url=args.base_url, api_key_env=args.api_key_env,
            temperature=args.temperature, seed=args.seed, max_tokens=args.max_tokens, rpm=args.rpm, tpm=args.tpm,
            max_attempts=args.max_attempts, concurrency=args.concurrency,
            cache_path=None if args.no_cache else str(store.path), cache_max_age_s=args.cache_max_age,
            extra={"dry_run": True} if args.dry_run else {})
        generator = make_generator(args.generator, battery, options)
        run_id = args.run_id or default_run_id(battery, generator.spec)
        if args.dry_run:
            print(dry_run_text(battery, generator, store, run_id, args.questions, args.samples))
            if args.judge and args.judge.startswith("openai:"):
                print(f"the LLM judge {args.judge} adds about one request per answer scored "
                      "(more when it must re-ask), unless cached")
            return 0
        if args.judge and args.judge.startswith("openai:") and not args.no_cache:
            # The LLM judge caches its responses in the run store too, so re-scoring costs no requests.
            os.environ.setdefault("ANSWER_AUDIT_JUDGE_CACHE", str(store.path))
        watch = (FailureWatch(endpoint_of(generator.spec, generator.info()), threshold=args.stop_after)
                 if args.stop_after > 0 else None)
        if not args.no_report:
            _import_in_background("harness.report.run_files")
        stopped: StopRun | None = None
        try:
            with progress_reporter(args, generator) as hook:
                summary = run_battery(battery, generator, store, run_id=run_id,
                                      scorers=scorer_specs(args.scorers, args.judge, args.params),
                                      question_ids=args.questions,
                                      samples=args.samples, concurrency=args.concurrency, as_of=args.as_of,
                                      progress=hook, watch=watch, workers=args.workers,
                                      executor=args.executor)
        except StopRun as exc:
            stopped, summary = exc, None
        finally:
            if hasattr(generator, "close"):
                generator.close()
        answers = store.answers(run_id)
        if stopped is not None:
            print(f"answer-audit: {stopped}", file=sys.stderr)
        else:
            assert summary is not None
            print(summary_line(summary))
        for line in ErrorTally.of([a for a in answers if a.error]).lines():
            print(line, file=sys.stderr)
        if hasattr(generator, "stats"):
            stats = generator.stats()
            print(_usage_line(stats))
            if stats["cache_hits"]:
                print(f"{plural(stats['cache_hits'], 'answer')} came from the cache of earlier runs (no request "
                      "sent); --no-cache to ask again, --cache-max-age to limit how old they may be")
        if not args.no_report:
            from harness.report.run_files import write_exports  # pandas, matplotlib: only when reporting

            out = write_exports(store, run_id, Path(args.reports_dir) / run_id)
            print(f"reports written to {out}/ (open {out / 'report.html'})")
    if stopped is not None:
        return 1
    if answers and all(a.error is not None for a in answers):
        print(f"answer-audit: every generation failed ({plural(len(answers), 'answer')}); exit status 1",
              file=sys.stderr)
        return 1
    return 0


def summary_line(summary: RunSummary) -> str:
    """The end-of-run line: asked, answered, errors, reused, and how many answers had text to score."""
    with_text = summary.scored - summary.errored
    line = (f"run {summary.run_id}: asked {summary.asked} (answered {summary.answered}, "
            f"{plural(summary.errored, 'error')}), reused {plural(summary.reused, 'stored answer')}, "
            f"scored {plural(max(with_text, 0), 'answer')}")
    if summary.errored:
        line += f" ({plural(summary.errored, 'errored answer')} recorded as unscored)"
    return line


def _prestart_workers(args: argparse.Namespace) -> None:
    """Start the scoring workers' warm fork server before the battery is read, when the run looks big enough.

    The size is guessed from the number of gold answer files (``gold_answers/<battery>/``), so the
    server warms the scorers while this process reads and snapshots the battery; a wrong guess costs
    an idle process or a later start, never a different result.
    """
    from harness.battery.loading import resolve_battery_path
    from harness.run.executors import prestart

    try:
        path = resolve_battery_path(args.battery)
        questions = len(args.questions) if args.questions else sum(
            1 for _ in (path.resolve().parent.parent / "gold_answers" / path.stem).glob("*.yaml"))
        prestart(args.executor, args.workers, questions * max(args.samples, 1))
    except (OSError, ValueError):
        return


def _import_in_background(module: str) -> None:
    """Import ``module`` on a daemon thread while the run waits on its generator and workers.

    The report's modules (pandas, scipy, matplotlib, jinja2) take a second or more to import; done
    beside the run they are ready when the report is written. A failed import here is not an error:
    the import is done again, in the foreground, where the report needs it.
    """
    import contextlib
    import importlib
    import threading

    def load() -> None:
        with contextlib.suppress(Exception):  # retried (and reported) by the foreground import
            importlib.import_module(module)

    threading.Thread(target=load, name=f"import {module}", daemon=True).start()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text!r}")
    return value


def _age(text: str) -> float:
    """``12h``, ``7d``, ``30m``, ``3600s`` or plain seconds -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    raw = text.strip().lower()
    number, unit = (raw[:-1], raw[-1]) if raw and raw[-1] in units else (raw, "s")
    try:
        value = float(number) * units[unit]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an age such as 12h, 7d or 3600s, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"the cache age must be positive, got {text!r}")
    return value


def dry_run_text(battery: Battery, generator: Generator, store: RunStore, run_id: str,
                 question_ids: list[str] | None, samples: int) -> str:
    """How many requests and roughly how many tokens the run would need (nothing is sent)."""
    wanted = set(question_ids or ())
    unknown = wanted - set(battery.question_ids())
    if unknown:
        raise UnknownNameError(f"question of battery {battery.name!r}", sorted(unknown)[0], battery.question_ids())
    questions = [q for q in battery.questions if not wanted or q.id in wanted]
    stored = {(a.question_id, a.sample): a for a in store.answers(run_id)} if store.get_run(run_id) else {}
    todo = [(q, k) for q in questions for k in range(samples)
            if not (prior := stored.get((q.id, k))) or prior.error is not None]
    lines = [f"dry run of {generator.spec} on battery {battery.name}: {len(questions)} questions x {samples} "
             f"sample(s) = {len(questions) * samples} answers; {len(questions) * samples - len(todo)} already "
             f"answered in run {run_id}; {len(todo)} to ask"]
    estimate = getattr(generator, "estimate", None)
    if estimate is None:
        lines.append(f"{len(todo)} generator calls (this generator reports no token counts)")
        return "\n".join(lines)
    plans = [estimate(q, k) for q, k in todo]
    fresh = [p for p in plans if not p["cached"]]
    prompt = sum(p["prompt_tokens"] for p in fresh)
    completion = sum(p["completion_tokens"] for p in fresh)
    max_tokens = getattr(getattr(generator, "options", None), "max_tokens", None)
    basis = f"--max-tokens {max_tokens}" if max_tokens else "an assumed 500 per answer; set --max-tokens to bound it"
    lines.append(f"{len(fresh)} requests to send ({len(plans) - len(fresh)} answered from the cache); "
                 "retries would add more")
    lines.append(f"about {prompt:,} prompt tokens + up to {completion:,} completion tokens ({basis}) "
                 f"= about {prompt + completion:,} tokens")
    return "\n".join(lines)


def _usage_line(stats: dict[str, int]) -> str:
    return (f"requests {stats['requests']} (retries {stats['retries']}, cache hits {stats['cache_hits']}, "
            f"errors {stats['errors']}); tokens {stats['total_tokens']:,} "
            f"(prompt {stats['prompt_tokens']:,}, completion {stats['completion_tokens']:,})")
