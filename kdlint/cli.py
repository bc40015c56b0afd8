"""The command line: argument handling only; analysis lives in :mod:`kdlint.engine`.

Exit codes (ruff's convention): 0 no findings at or above the fail level, 1 findings,
2 tool or usage error (missing path, nothing analysable, bad option, bad configuration file,
bad baseline, libclang unavailable). Suppressed findings, findings held by ``--baseline`` and
findings outside ``--diff-base``'s changed lines never count. The exit code is the same for
every output format.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

import click

from kdlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "junit")
LEVELS = ("note", "warning", "error")
#: Explicitly named files with these suffixes are skipped quietly: a header alone is not a
#: translation unit (pre-commit passes headers with the C files; they are analysed through the
#: .c files that include them).
HEADER_SUFFIXES = (".h", ".hh", ".hpp", ".hxx", ".inl", ".inc")
#: The progress bar appears on a terminal for runs of at least this many files.
PROGRESS_MIN_FILES = 3


class UsageError(Exception):
    """A problem that ends the run with exit code 2 and one line on stderr."""


def _split(values) -> list[str]:
    """`--select KD1,KD3 --select KD4` → ['KD1', 'KD3', 'KD4']."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    click.echo(f"kdlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _overrides(select=(), ignore=(), extend_select=(), include=(), define=(), headers=None,
               compile_db=None, wdk_root=None, fail_level=None, config=None, isolated=False,
               jobs=None, timeout=None, cache_dir=None):
    from kdlint.config import Overrides

    return Overrides(select=_split(select) if select else None, ignore=_split(ignore),
                     extend_select=_split(extend_select),
                     include_dirs=[Path(p) for p in include], defines=list(define),
                     headers=headers, compile_db=Path(compile_db) if compile_db else None,
                     wdk_root=Path(wdk_root) if wdk_root else None, fail_level=fail_level,
                     config=Path(config) if config else None, isolated=isolated,
                     jobs=jobs, timeout=timeout,
                     cache_dir=Path(cache_dir) if cache_dir else None)


def _header_options(f):
    """Header, flag and configuration-file options (shown in this order in --help)."""
    options = [
        click.option("-I", "include", multiple=True, metavar="DIR",
                     help="Add an include directory (repeatable; after the config file's)."),
        click.option("-D", "define", multiple=True, metavar="NAME[=VALUE]",
                     help="Define a macro (repeatable; after the config file's)."),
        click.option("--headers", type=click.Choice(["auto", "model", "mingw", "wdk"]),
                     default=None,
                     help="Header set: auto (the default) picks compile database, WDK, "
                          "mingw-w64, then kdlint's model headers."),
        click.option("-p", "compile_db", metavar="DIR", type=click.Path(),
                     help="Directory holding compile_commands.json."),
        click.option("--wdk-root", metavar="DIR", type=click.Path(),
                     help="Root of a Windows Kit (e.g. 'C:\\Program Files (x86)\\Windows Kits\\10')."),
        click.option("--config", "config", metavar="FILE", type=click.Path(dir_okay=False),
                     help="Use this kdlint.toml or pyproject.toml for every file instead of "
                          "the nearest one."),
        click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
    ]
    for option in reversed(options):  # click lists the last-applied decorator first
        f = option(f)
    return f


def _analysis_options(f):
    """Options shared by `check` and `baseline`: rule selection, headers, configuration."""
    f = click.option("--progress/--no-progress", default=None,
                     help="Progress bar on stderr (default: on a terminal, outside CI, for "
                          f"{PROGRESS_MIN_FILES} or more files).")(f)
    for option in reversed([
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Worker processes (default: the config's `jobs`, else the number of "
                          "CPUs). Output is the same for every N."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
                     metavar="SECONDS",
                     help="Give up a file that takes longer (default: the config's `timeout`, "
                          "else 60); it is reported and the run exits 2."),
        click.option("--no-cache", is_flag=True,
                     help="Analyse every file afresh (neither read nor write the result cache)."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
                     help="Result cache directory (default: the config's `cache-dir`, else "
                          ".kdlint_cache in the project root)."),
    ]):
        f = option(f)
    f = _header_options(f)
    for option in reversed([
        click.option("--select", multiple=True, metavar="IDS",
                     help="Rule ids, names or id prefixes to run (default: all); replaces the "
                          "config file's selection."),
        click.option("--ignore", multiple=True, metavar="IDS",
                     help="Rule ids, names or id prefixes to skip."),
        click.option("--extend-select", multiple=True, metavar="IDS",
                     help="Rules to add to the selection."),
    ]):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kdlint")
def main() -> None:
    """kdlint: static analysis for Windows kernel-driver (WDM) C code."""


# --------------------------------------------------------------------------- the run

def _want_progress(flag: Optional[bool], n_files: int) -> bool:
    if flag is not None:
        return flag and n_files > 0
    env = os.environ
    if env.get("CI") or env.get("PRE_COMMIT") or env.get("GITHUB_ACTIONS") or env.get("TF_BUILD"):
        return False
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty and n_files >= PROGRESS_MIN_FILES


def _run_config(resolver, paths):
    """The configuration whose run-wide keys (jobs, timeout, cache-dir) apply: the one of the
    current directory, else the one of the first path (None: none)."""
    cfg = resolver.config_for(Path.cwd())
    if cfg is None and paths:
        cfg = resolver.config_for(Path(paths[0]))
    return cfg


def _cache(resolver, paths, run_settings, no_cache: bool):
    if no_cache or os.environ.get("KDLINT_NO_CACHE"):
        return None
    from kdlint.cache import ResultCache, default_directory

    cfg = _run_config(resolver, paths)
    return ResultCache(run_settings.cache_dir
                       or default_directory(cfg.root if cfg is not None else Path.cwd()))


def _analyse(paths, overrides, progress_flag=None, no_cache=False):
    """Configure and run the engine; return (run, rules, resolver), or None when every path
    was a header or excluded (nothing to do, exit 0)."""
    from kdlint.config import ConfigError, Resolver
    from kdlint.engine import check_paths, collect_files
    from kdlint.registry import SelectionError, all_rules, select as select_rules
    from kdlint.workers import DEFAULT_TIMEOUT, default_jobs

    try:
        resolver = Resolver(overrides, defer_rule_checks=True)  # checked by use_rules below
        files, problems = collect_files([Path(p) for p in paths])
        kept = [f for f in files
                if not f.name.lower().endswith(HEADER_SUFFIXES) and not resolver.is_excluded(f)]
        if not kept and not problems:
            if files:
                resolver.use_rules(all_rules())  # a broken configuration is still an error
                return None  # only headers or excluded files: nothing to analyse, not an error
        base = resolver.settings_for(Path.cwd())
        cfg = _run_config(resolver, paths)
        wide = resolver.settings_for(cfg.root) if cfg is not None else base
        cache = _cache(resolver, paths, wide, no_cache)
        # the cache's rule cards (kdlint.rule.RuleCard): a run of cache hits imports no rule
        pool = cache.rule_cards() if cache is not None else all_rules()
        resolver.use_rules(pool)
        rules = select_rules(base.select, base.ignore, base.extend_select, rules=pool)
    except (ConfigError, SelectionError) as exc:
        raise UsageError(str(exc)) from None
    settings_cache: dict[Path, object] = {}

    def settings_for(path: Path):
        if path not in settings_cache:
            settings_cache[path] = resolver.settings_for(path)
        return settings_cache[path]

    try:
        engine = dict(jobs=wide.jobs or default_jobs(), timeout=wide.timeout or DEFAULT_TIMEOUT,
                      cache=cache, settings_for=settings_for)
        if _want_progress(progress_flag, len(kept)):
            with click.progressbar(length=len(kept), label="kdlint", file=sys.stderr,
                                   show_pos=True, show_eta=False,
                                   item_show_func=lambda p: p and Path(p).name) as bar:
                run = check_paths(kept, base, progress=lambda p: bar.update(1, str(p)), **engine)
        else:
            run = check_paths(kept, base, **engine) if kept else None
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    except Exception as exc:  # tool errors (libclang missing, header set unavailable)
        if type(exc).__module__.startswith("kdlint"):
            raise UsageError(str(exc)) from None
        raise
    if run is None:  # nothing kept, but some paths were missing
        from kdlint.results import RunResult

        run = RunResult(str(Path.cwd().resolve()), rule_ids=[r.id for r in rules])
    for problem in problems:
        if problem not in run.tool_errors:
            run.tool_errors.append(problem)
    if run.rule_ids != [r.id for r in rules]:
        wanted = set(run.rule_ids)
        rules = [r for r in pool if r.id in wanted]
    _report_unused_suppressions(run, settings_for, pool)
    return run, rules, resolver


def _report_unused_suppressions(run, settings_for, pool) -> None:
    """Add note-level notices for suppressions that matched nothing (skipping files whose parse
    had errors: findings may be missing there). ``pool``: every rule (classes or cards)."""
    from kdlint.registry import select as select_rules
    from kdlint.source import SourceFile, UnreadableSource
    from kdlint.suppress import unused_suppressions

    known = [r.id for r in pool]
    ran_by: dict[tuple, list[str]] = {}  # rule ids by (select, ignore, extend-select)
    for fr in run.files:
        if fr.health is None or fr.health.has_errors:
            continue
        try:
            source = SourceFile.read(Path(fr.path))
        except UnreadableSource:
            continue
        s = settings_for(Path(fr.path))
        chosen = (tuple(s.select), tuple(s.ignore), tuple(s.extend_select))
        if chosen not in ran_by:
            ran_by[chosen] = [r.id for r in select_rules(*chosen, rules=pool)]
        ran = ran_by[chosen]
        fr.notices.extend(unused_suppressions(source, fr.path, fr.diagnostics, ran, known))


def _filter(run, keep: Callable) -> None:
    for fr in run.files:
        fr.diagnostics = [d for d in fr.diagnostics if keep(fr, d)]


def _apply_diff_base(run, rev: str) -> None:
    from kdlint.gitdiff import ChangedLines, GitError

    changed = ChangedLines(rev)
    cache: dict[str, Optional[set[int]]] = {}
    try:
        for fr in run.files:
            if fr.diagnostics and fr.path not in cache:
                cache[fr.path] = changed.lines(Path(fr.path))
    except GitError as exc:
        raise UsageError(str(exc)) from None

    def keep(fr, d) -> bool:
        lines = cache.get(fr.path)
        return lines is None or any(n in lines for n in range(d.span.line, d.span.end_line + 1))

    _filter(run, keep)


# --------------------------------------------------------------------------- output

_TEXT_LINE = re.compile(r"^(?P<where>[^\s].*?:\d+:\d+:) (?P<level>error|warning|note):"
                        r"(?P<msg>.*?)(?P<id>\[[A-Za-z]+\d*\])?$")
_STYLE = {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow", "bold": True},
          "note": {"fg": "cyan", "bold": True}}


def colorize(report: str) -> str:
    """ANSI colours for gcc-style lines: bold location, coloured level, dim rule id."""
    out = []
    for line in report.split("\n"):
        m = _TEXT_LINE.match(line)
        if not m:
            out.append(line)
            continue
        level = m.group("level")
        rule = click.style(m.group("id"), dim=True) if m.group("id") else ""
        out.append(click.style(m.group("where"), bold=True) + " "
                   + click.style(level + ":", **_STYLE[level]) + m.group("msg") + rule)
    return "\n".join(out)


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _render(fmt: str, run, rules, include_suppressed: bool = False) -> str:
    import importlib

    reporter = importlib.import_module(f"kdlint.report.{fmt}")
    if fmt == "text":  # notices go to stderr (see _echo_notices), findings to the output
        return reporter.render(run, rules=rules, notices=False,
                               include_suppressed=include_suppressed)
    if fmt == "sarif" and include_suppressed:  # SARIF suppressions, kind inSource
        return reporter.render(run, rules=rules, include_suppressed=True)
    return reporter.render(run, rules=rules)


def _write(path: str, report: str) -> None:
    try:
        Path(path).write_text(report, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _echo_notices(run, color: bool, details: bool = True) -> None:
    """Tool notices on stderr, in the text format (colour on a terminal); background notices
    only when ``details``."""
    from kdlint.report.text import render_notices

    text = render_notices(run, details=details)
    if text:
        click.echo(colorize(text) if color else text, nl=False, err=True, color=color or None)


def _echo_statistics(run) -> None:
    counts = Counter(d.rule_id for d in run.diagnostics if d.suppressed is None)
    for rule_id, n in sorted(counts.items()):
        click.echo(f"{n:6d}  {rule_id}", err=True)
    suppressed = sum(1 for d in run.diagnostics if d.suppressed is not None)
    if suppressed:
        click.echo(f"{suppressed:6d}  suppressed in source", err=True)
    click.echo("parse health: " + json.dumps(run.health.as_json()), err=True)


def exit_code(run, fail_level: str = "note", exit_zero: bool = False,
              fail_level_for: Optional[Callable[[str], str]] = None) -> int:
    """2 for tool errors, a file whose analysis was lost (worker crash, time limit) or nothing
    analysed, 1 for findings at/above the fail level (per file
    when ``fail_level_for(path)`` is given), else 0."""
    analysed = [f for f in run.files if f.health is not None and f.health.failed is None]
    if run.tool_errors or not analysed or any(f.aborted for f in run.files):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    for d in run.diagnostics:
        if d.suppressed is not None:
            continue
        level = fail_level_for(d.span.path) if fail_level_for else fail_level
        if LEVELS.index(d.level) >= LEVELS.index(level):
            return EXIT_FINDINGS
    return EXIT_CLEAN


# --------------------------------------------------------------------------- commands

@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@_analysis_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report to FILE instead of standard output.")
@click.option("--sarif-output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write SARIF to FILE.")
@click.option("--json-output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write JSON to FILE.")
@click.option("--junit-output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write JUnit XML to FILE.")
@click.option("--statistics", is_flag=True, help="Print counts per rule and parse health to stderr.")
@click.option("--fail-level", type=click.Choice(LEVELS), default=None,
              help="Lowest finding level that makes the exit code 1 (default: the config "
                   "file's, else note).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report and fail only on findings not in this baseline "
                   "(see `kdlint baseline`).")
@click.option("--diff-base", metavar="REV",
              help="Report only findings on lines changed since git revision REV.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour text output (auto: on a terminal, unless NO_COLOR).")
@click.option("--include-suppressed", is_flag=True,
              help="Also list findings suppressed in source (text; SARIF `suppressions` of "
                   "kind inSource, which GitHub code scanning ignores). JSON always has them.")
@click.option("--show-settings", is_flag=True,
              help="Print the resolved settings for each path as JSON, and exit.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print background notices (names declared by tolerant parsing, stubbed "
                   "headers).")
def check(paths, select, ignore, extend_select, include, define, headers, compile_db, wdk_root,
          config, isolated, progress, jobs, timeout, no_cache, cache_dir, fmt, output, sarif_output, json_output, junit_output,
          statistics, fail_level, exit_zero, baseline_file, diff_base, color, include_suppressed,
          show_settings, verbose):
    """Analyse C files (directories are searched for *.c; headers named explicitly are skipped).

    Settings come from the nearest kdlint.toml or pyproject.toml [tool.kdlint] to each file;
    the options here override them.
    """
    if not paths:
        _fail("no paths given (try `kdlint check path/to/driver`)")
    overrides = _overrides(select, ignore, extend_select, include, define, headers, compile_db,
                           wdk_root, fail_level, config, isolated, jobs, timeout, cache_dir)
    if show_settings:
        _show_settings(paths, overrides)
        return
    try:
        baseline = None
        if baseline_file:
            from kdlint.baseline import Baseline, BaselineError

            try:
                baseline = Baseline.load(Path(baseline_file))
            except BaselineError as exc:
                raise UsageError(str(exc)) from None
        analysed = _analyse(paths, overrides, progress, no_cache)
        if analysed is None:
            sys.exit(EXIT_CLEAN)
        run, rules, resolver = analysed
        if baseline is not None:
            held, stale = baseline.apply(run)
            if held or stale:
                click.echo(f"kdlint: {held} finding(s) held by the baseline {baseline_file}"
                           + (f"; {stale} baseline entr{'y' if stale == 1 else 'ies'} no longer "
                              f"found (refresh it with `kdlint baseline`)" if stale else ""),
                           err=True)
        if diff_base:
            _apply_diff_base(run, diff_base)
        for problem in run.tool_errors:
            click.echo(f"kdlint: error: {problem}", err=True)
        report = _render(fmt, run, rules, include_suppressed)
        for extra_fmt, target in (("sarif", sarif_output), ("json", json_output),
                                  ("junit", junit_output)):
            if target:
                _write(target, _render(extra_fmt, run, rules, include_suppressed))
        if output:
            _write(output, report)
        elif report:
            use_color = fmt == "text" and _use_color(color, sys.stdout)
            if use_color:
                report = colorize(report)
            click.echo(report, nl=not report.endswith("\n"), color=use_color or None)
    except UsageError as exc:
        _fail(str(exc))
    _echo_notices(run, _use_color(color, sys.stderr), details=verbose)
    if fmt == "text" and not output and run.files and (run.diagnostics or run.notices):
        from kdlint.report.text import summary

        click.echo(summary(run), err=True)
    if statistics:
        _echo_statistics(run)

    def level_for(path: str) -> str:
        return resolver.settings_for(Path(path)).fail_level

    sys.exit(exit_code(run, exit_zero=exit_zero, fail_level_for=level_for))


def _show_settings(paths, overrides) -> None:
    from kdlint.config import ConfigError, Resolver, settings_as_json
    from kdlint.engine import collect_files

    try:
        resolver = Resolver(overrides)
        files, problems = collect_files([Path(p) for p in paths])
        out = {}
        for f in files:
            entry = settings_as_json(resolver.settings_for(f))
            entry["excluded"] = resolver.is_excluded(f)
            out[str(f)] = entry
    except ConfigError as exc:
        _fail(str(exc))
    for problem in problems:
        click.echo(f"kdlint: error: {problem}", err=True)
    click.echo(json.dumps(out, indent=2))
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="The baseline file to write (JSON).")
@_analysis_options
def baseline_command(paths, output, select, ignore, extend_select, include, define, headers,
                     compile_db, wdk_root, config, isolated, progress, jobs, timeout, no_cache,
                     cache_dir):
    """Record today's findings in FILE, so that `kdlint check --baseline FILE` fails only on
    new ones. Findings are keyed by repository-relative path, rule id and a hash of the
    finding's source line (whitespace collapsed), with counts: not by line number."""
    from kdlint.baseline import BaselineError, write

    if not paths:
        _fail("no paths given (try `kdlint baseline -o kdlint-baseline.json src/`)")
    try:
        analysed = _analyse(paths, _overrides(select, ignore, extend_select, include, define,
                                              headers, compile_db, wdk_root, None, config,
                                              isolated, jobs, timeout, cache_dir), progress,
                            no_cache)
        if analysed is None:
            run = None
        else:
            run = analysed[0]
            if run.tool_errors or not any(f.health is not None and f.health.failed is None
                                          for f in run.files):
                for problem in run.tool_errors or ["nothing could be analysed"]:
                    click.echo(f"kdlint: error: {problem}", err=True)
                _echo_notices(run, False)
                sys.exit(EXIT_ERROR)
        if run is None:
            from kdlint.results import RunResult

            run = RunResult(str(Path.cwd().resolve()))
        n = write(run, Path(output))
    except (UsageError, BaselineError) as exc:
        _fail(str(exc))
    _echo_notices(run, False)
    click.echo(f"kdlint: wrote {n} finding(s) to {output}", err=True)
    sys.exit(EXIT_CLEAN)


def rules_markdown(rules) -> str:
    """``docs/rules.md``: an index, then per rule a ``## KD101 name`` heading (the anchor SARIF's
    ``helpUri`` points at), its metadata and its docstring with headings moved down a level."""
    from kdlint.report.sarif import rule_anchor, rule_heading

    out = ["# kdlint rules", "",
           "<!-- Generated by `kdlint rules --format markdown` from the rules' docstrings; "
           "edit those, not this file. -->", "",
           "| Rule | Name | Level | Summary |", "|---|---|---|---|"]
    for rule in rules:
        summary = rule.summary().replace("|", "\\|")
        out.append(f"| [{rule.id}](#{rule_anchor(rule)}) | `{rule.name}` | "
                   f"{rule.severity.value} | {summary} |")
    for rule in rules:
        meta = [f"**Level:** {rule.severity.value}", f"**Precision:** {rule.precision}",
                "**Tags:** " + ", ".join(f"`{t}`" for t in rule.all_tags())]
        if rule.security_severity is not None:
            meta.append(f"**Security severity:** {rule.security_severity}")
        out += ["", f"## {rule_heading(rule)}", "", " · ".join(meta), ""]
        fenced = False
        for line in rule.doc().splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced and line.startswith("#"):
                line = "#" + line
            out.append(line.rstrip())
    return "\n".join(out) + "\n"


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True,
              help="text: one line per rule; markdown: the page docs/rules.md (every rule's "
                   "documentation, one heading per rule).")
def rules_command(fmt):
    """List every rule: id, name, summary."""
    from kdlint.registry import all_rules

    if fmt == "markdown":
        click.echo(rules_markdown(all_rules()), nl=False)
        return
    for rule in all_rules():
        click.echo(f"{rule.id}  {rule.name:<40} {rule.summary()}")


@main.command("rule")
@click.argument("key")
def rule_command(key):
    """Show one rule's documentation (by id or name)."""
    from kdlint.registry import find

    rule = find(key)
    if rule is None:
        _fail(f"no rule {key!r} (see `kdlint rules`)")
    click.echo(f"{rule.id} {rule.name}")
    click.echo(f"severity: {rule.severity.value}   precision: {rule.precision}   "
               f"tags: {', '.join(rule.all_tags())}")
    click.echo("")
    click.echo(rule.doc())


@main.command()
@click.argument("file", required=False, type=click.Path())
@click.option("--clang-args", "as_args", is_flag=True,
              help="Print the exact clang argument list for FILE as one JSON array.")
@_header_options
def doctor(file, as_args, include, define, headers, compile_db, wdk_root, config, isolated):
    """Explain which headers and flags kdlint uses, and why."""
    from kdlint.config import ConfigError, Resolver

    if as_args and not file:
        _fail("--clang-args needs a FILE")
    if file and not Path(file).exists():
        _fail(f"{file}: no such file or directory")
    try:
        resolver = Resolver(_overrides((), (), (), include, define, headers, compile_db,
                                       wdk_root, None, config, isolated))
        settings = resolver.settings_for(Path(file) if file else Path.cwd())
    except ConfigError as exc:
        _fail(str(exc))
    from kdlint import doctor as doctor_module

    try:
        if as_args:
            click.echo(json.dumps(doctor_module.clang_args(Path(file), settings)))
        else:
            click.echo(doctor_module.explain(Path(file) if file else None, settings))
    except Exception as exc:
        if type(exc).__module__.startswith("kdlint"):
            _fail(str(exc))
        raise
