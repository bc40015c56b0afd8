"""The command line: argument handling only; analysis lives in :mod:`kdlint.engine`.

Exit codes (ruff's convention): 0 no findings at or above the fail level, 1 findings,
2 tool or usage error (missing path, nothing analysable, bad option, libclang unavailable).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import click

from kdlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif")
LEVELS = ("note", "warning", "error")


def _split(values: tuple[str, ...]) -> list[str]:
    """`--select KD1,KD3 --select KD4` → ['KD1', 'KD3', 'KD4']."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    click.echo(f"kdlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _settings(select, ignore, extend_select, include, define, headers, compile_db, wdk_root,
              fail_level="note"):
    from kdlint.config import Settings

    return Settings(select=_split(select), ignore=_split(ignore),
                    extend_select=_split(extend_select), include_dirs=[Path(p) for p in include],
                    defines=list(define), headers=headers,
                    compile_db=Path(compile_db) if compile_db else None,
                    wdk_root=Path(wdk_root) if wdk_root else None, fail_level=fail_level)


def _header_options(f):
    f = click.option("-I", "include", multiple=True, metavar="DIR",
                     help="Add an include directory (repeatable).")(f)
    f = click.option("-D", "define", multiple=True, metavar="NAME[=VALUE]",
                     help="Define a macro (repeatable).")(f)
    f = click.option("--headers", type=click.Choice(["auto", "model", "mingw", "wdk"]),
                     default="auto", show_default=True,
                     help="Header set: auto picks compile database, WDK, mingw-w64, then "
                          "kdlint's model headers.")(f)
    f = click.option("-p", "compile_db", metavar="DIR", type=click.Path(),
                     help="Directory holding compile_commands.json.")(f)
    f = click.option("--wdk-root", metavar="DIR", type=click.Path(),
                     help="Root of a Windows Kit (e.g. 'C:\\Program Files (x86)\\Windows Kits\\10').")(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kdlint")
def main() -> None:
    """kdlint: static analysis for Windows kernel-driver (WDM) C code."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, metavar="IDS", help="Rule ids, names or id prefixes to run (default: all).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Rule ids, names or id prefixes to skip.")
@click.option("--extend-select", multiple=True, metavar="IDS", help="Rules to add to the selection.")
@_header_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to FILE instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print counts per rule and parse health to stderr.")
@click.option("--fail-level", type=click.Choice(LEVELS), default="note", show_default=True,
              help="Lowest finding level that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
def check(paths, select, ignore, extend_select, include, define, headers, compile_db, wdk_root,
          fmt, output, statistics, fail_level, exit_zero):
    """Analyse C files (directories are searched for *.c)."""
    from kdlint.engine import check_paths
    from kdlint.registry import SelectionError, select as select_rules

    if not paths:
        _fail("no paths given (try `kdlint check path/to/driver`)")
    settings = _settings(select, ignore, extend_select, include, define, headers, compile_db,
                         wdk_root, fail_level)
    try:
        rules = select_rules(settings.select, settings.ignore, settings.extend_select)
        run = check_paths([Path(p) for p in paths], settings)
    except SelectionError as exc:
        _fail(str(exc))
    except Exception as exc:  # tool errors (libclang missing, header set unavailable)
        if type(exc).__module__.startswith("kdlint"):
            _fail(str(exc))
        raise
    for problem in run.tool_errors:
        click.echo(f"kdlint: error: {problem}", err=True)
    report = _render(fmt, run, rules)
    if output:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}")
    elif report:
        click.echo(report, nl=not report.endswith("\n"))
    _echo_notices(run)
    if statistics:
        _echo_statistics(run)
    sys.exit(exit_code(run, fail_level, exit_zero))


def _render(fmt: str, run, rules) -> str:
    if fmt == "sarif":
        from kdlint.report import sarif as reporter
    elif fmt == "json":
        from kdlint.report import json as reporter
    else:
        from kdlint.report import text as reporter
    return reporter.render(run, rules=rules)


def _echo_notices(run) -> None:
    for n in run.notices:
        where = f"{n.path}:{n.line}" if n.line else n.path
        click.echo(f"{where}: {n.level}: {n.message} [kdlint]", err=True)


def _echo_statistics(run) -> None:
    counts = Counter(d.rule_id for d in run.diagnostics if d.suppressed is None)
    for rule_id, n in sorted(counts.items()):
        click.echo(f"{n:6d}  {rule_id}", err=True)
    click.echo("parse health: " + json.dumps(run.health.as_json()), err=True)


def exit_code(run, fail_level: str = "note", exit_zero: bool = False) -> int:
    """2 for tool errors or nothing analysed, 1 for findings at/above fail_level, else 0."""
    analysed = [f for f in run.files if f.health is not None and f.health.failed is None]
    if run.tool_errors or not analysed:
        return EXIT_ERROR
    threshold = LEVELS.index(fail_level)
    if not exit_zero and any(d.suppressed is None and LEVELS.index(d.level) >= threshold
                             for d in run.diagnostics):
        return EXIT_FINDINGS
    return EXIT_CLEAN


@main.command("rules")
def rules_command():
    """List every rule: id, name, summary."""
    from kdlint.registry import all_rules

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
def doctor(file, as_args, include, define, headers, compile_db, wdk_root):
    """Explain which headers and flags kdlint uses, and why."""
    from kdlint import doctor as doctor_module

    settings = _settings((), (), (), include, define, headers, compile_db, wdk_root)
    if as_args and not file:
        _fail("--clang-args needs a FILE")
    if file and not Path(file).exists():
        _fail(f"{file}: no such file or directory")
    try:
        if as_args:
            click.echo(json.dumps(doctor_module.clang_args(Path(file), settings)))
        else:
            click.echo(doctor_module.explain(Path(file) if file else None, settings))
    except Exception as exc:
        if type(exc).__module__.startswith("kdlint"):
            _fail(str(exc))
        raise
