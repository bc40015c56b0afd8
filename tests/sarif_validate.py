"""Test helper: check a SARIF log against the SARIF 2.1.0 JSON schema and Microsoft's validator.

Nothing here is vendored. The schema and the validator come from the npm package pinned in the
repository's ``package.json`` (``npm ci`` installs it into ``node_modules/``):

- ``@microsoft/sarif-multitool`` 5.7.0 pulls in ``@microsoft/sarif-multitool-<platform>``, which
  ships Microsoft's copy of the SARIF 2.1.0 schema (``sarif-2.1.0.json``: the errata01 content
  in the JSON Schema 2020-12 dialect) and the ``Sarif.Multitool`` executable;
- set ``KDLINT_SARIF_SCHEMA`` to a local copy of the OASIS errata01 schema (draft-04,
  https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json) to
  validate against that too. No PyPI or npm package ships that exact file (sarif-om's sdist has
  the pre-release rtm.4, @microsoft/jest-sarif rtm.5), and its licence keeps it out of this repo.

The independent reader, Microsoft's sarif-tools (PyPI ``sarif-tools``), is in the ``test`` extra.
When a tool is missing, :func:`unavailable` skips the test locally but fails it under ``CI=true``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
SCHEMA_ENV = "KDLINT_SARIF_SCHEMA"
#: Validator rule families: SARIF spec rules and GitHub Advanced Security ingestion rules.
RULE_KINDS = "Sarif;Ghas"
_LINE = re.compile(r"^(?P<file>.*?)(\((?P<pos>[\d,]+)\))?: (?P<level>error|warning|note) "
                   r"(?P<rule>[A-Za-z]+\d+): (?P<text>.*)$")


def unavailable(reason: str, install: str = "npm ci") -> None:
    """Skip (locally) or fail (when CI=true) a test whose tool is not installed; ``install`` is
    the command that installs it, run in the repository root."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason} (CI=true: install it with `{install}`)")
    pytest.skip(f"{reason}; run `{install}` in the repository root to install it")


# -- JSON schema ---------------------------------------------------------------------------
def schema_files() -> list[Path]:
    """The SARIF schemas available: the one in the installed npm package, and $KDLINT_SARIF_SCHEMA."""
    found = sorted(NODE_MODULES.glob("@microsoft/sarif-multitool-*/sarif-2.1.0.json"))[:1]
    extra = os.environ.get(SCHEMA_ENV)
    if extra:
        found.append(Path(extra))
    return found


def schema_errors(log: dict) -> list[str]:
    """Every schema violation of ``log`` against each available schema ('' list when valid)."""
    from jsonschema import validators

    files = schema_files()
    if not files:
        unavailable("no SARIF 2.1.0 schema: @microsoft/sarif-multitool is not installed")
    errors = []
    for path in files:
        schema = json.loads(path.read_text(encoding="utf-8"))
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        for e in cls(schema).iter_errors(log):
            where = "/".join(str(p) for p in e.absolute_path)
            errors.append(f"{path.name}: {where}: {e.message}")
    return errors


# -- URIs ----------------------------------------------------------------------------------
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$")


def artifact_uris(value: Any) -> list[dict]:
    """Every artifactLocation-like object ({uri, uriBaseId?}) anywhere in the log."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("artifactLocation",) and isinstance(v, dict):
                out.append(v)
            out.extend(artifact_uris(v))
    elif isinstance(value, list):
        for v in value:
            out.extend(artifact_uris(v))
    return out


def uri_problems(log: dict) -> list[str]:
    """URIs that GitHub would mishandle: relative ones must be clean, scheme-less and based.

    The draft-04 schema has no ``uri-reference`` format check (ECOSYSTEM.md §2.4), so check here.
    """
    problems = []
    for loc in artifact_uris(log):
        uri = loc.get("uri", "")
        if not _URI_CHARS.match(uri) or re.search(r"%(?![0-9A-Fa-f]{2})", uri):
            problems.append(f"not a percent-encoded URI: {uri!r}")
        parts = urlsplit(uri)
        if parts.scheme:
            if parts.scheme != "file" or "uriBaseId" in loc:
                problems.append(f"absolute URI must be file: and have no uriBaseId: {uri!r}")
        else:
            if uri.startswith(("./", "/")) or "\\" in uri:
                problems.append(f"relative URI must not start with ./ or /: {uri!r}")
            if loc.get("uriBaseId") != "%SRCROOT%":
                problems.append(f"relative URI without uriBaseId %SRCROOT%: {uri!r}")
    for run in log.get("runs", []):
        for key, base in (run.get("originalUriBaseIds") or {}).items():
            if not (base.get("uri", "").startswith("file:///") and base["uri"].endswith("/")):
                problems.append(f"originalUriBaseIds[{key}] is not a file URI ending in /")
    return problems


def region_problems(value: Any, where: str = "") -> list[str]:
    """Regions without ``startLine``: errata01 forbids them (anyOf startLine/charOffset/byteOffset)
    but the 2020-12 copy shipped on npm dropped that constraint, so check it here."""
    problems = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("region", "deletedRegion") and isinstance(v, dict) and "startLine" not in v:
                problems.append(f"{where}/{k}: region without startLine")
            problems.extend(region_problems(v, f"{where}/{k}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            problems.extend(region_problems(v, f"{where}/{i}"))
    return problems


# -- Microsoft's SARIF Multitool -----------------------------------------------------------
def multitool() -> Optional[str]:
    """The installed Sarif.Multitool executable, or None.

    Resolved the way ``node_modules/.bin/sarif-multitool`` does (the package's ``index.js``
    returns the platform binary's path), then run directly: the shim spawns it through a shell,
    which would split ``Sarif;Ghas`` at the semicolon.
    """
    shim = shutil.which("sarif-multitool", path=str(NODE_MODULES / ".bin"))
    node = shutil.which("node")
    if not shim or not node:
        return None
    try:
        out = subprocess.run([node, "-p", "require('@microsoft/sarif-multitool')"], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    binary = out.stdout.strip()
    return binary if out.returncode == 0 and binary and Path(binary).is_file() else None


def multitool_validate(path: Path, rule_kinds: str = RULE_KINDS) -> tuple[list[dict], str]:
    """Run ``Sarif.Multitool validate`` on ``path``; its findings ({level, rule, text}) and output."""
    binary = multitool()
    if binary is None:
        unavailable("Microsoft's SARIF validator (npm @microsoft/sarif-multitool) is not installed")
    cmd = [binary, "validate", str(path), "--rule-kind", rule_kinds,
           "--level", "Error;Warning;Note"]
    # Invariant globalization: the .NET binary then runs without libicu (minimal CI images).
    env = {"DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", **os.environ,
           "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise AssertionError(f"Sarif.Multitool failed ({proc.returncode}):\n{output}")
    findings = []
    for line in output.splitlines():
        m = _LINE.match(line.strip())
        if m:
            findings.append({"level": m["level"], "rule": m["rule"], "text": m["text"]})
    if "Analysis completed successfully" not in output:
        raise AssertionError(f"Sarif.Multitool did not complete:\n{output}")
    return findings, output


# -- sample data shared by the reporter tests ------------------------------------------------
def sample_rules() -> list[type]:
    """Two fake rules (not registered): one plain, one security rule."""
    from kdlint.rule import Rule, Severity

    class StackEventUserWait(Rule):
        """Stack event waited on in user mode.

        ## What it does
        Flags `KeWaitForSingleObject` on a stack `KEVENT` with `WaitMode` `UserMode`.

        ## Why is this bad?
        A user-mode wait lets the kernel stack be paged out while the event is still in use.

        ## Example
        ```c
        KEVENT e; KeWaitForSingleObject(&e, Executive, UserMode, FALSE, NULL);
        ```
        """

        id, name = "KD101", "stack-event-waited-in-user-mode"
        severity = Severity.ERROR
        precision = "very-high"
        calls = ("KeWaitForSingleObject",)

    class UserPointerNotProbed(Rule):
        """User pointer read before it was probed.

        ## What it does
        Flags reads through a pointer from user mode that was not passed to `ProbeForRead`.

        ## Why is this bad?
        A user pointer may point into kernel memory.

        ## Example
        ```c
        x = *UserBuffer;
        ```
        """

        id, name = "KD401", "user-pointer-not-probed"
        severity = Severity.WARNING
        precision = "medium"
        tags = ("security", "external/cwe/cwe-822")
        security_severity = "8.1"
        calls = ("ProbeForRead",)

    return [StackEventUserWait, UserPointerNotProbed]


DRIVER_C = (
    "// Pilote \u00e9v\u00e9nement \u2014 commentaire non ASCII\n"   # line 1
    "#include <ntddk.h>\n"                                            # line 2
    "void Wait(void) {\n"                                             # line 3
    "    KEVENT e; /* \u00e9\u00e9 */ KeInitializeEvent(&e, NotificationEvent, FALSE);\n"  # 4
    "    KeWaitForSingleObject(&e, Executive, UserMode, FALSE, NULL);\n"  # line 5
    "}\n"
)


def sample_run(root: Path, outside: Path):
    """A RunResult over real files under ``root`` (and one file in ``outside``).

    - ``src dir/drv é.c``: a KD101 finding with related location, code flow and fix, on a line
      whose columns are UTF-16 (``é`` before column 20);
    - ``b.c``: a suppressed KD401 finding, a KD401 note-level finding, and clang errors with a notice;
    - ``c.c``: clang errors in its health but no notice;
    - ``outside/o.c``: a KD401 finding outside the root.
    """
    from kdlint.results import (Diagnostic, FileHealth, FileResult, Fix, Notice, RunResult,
                                Span, Step)

    (root / "src dir").mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    a = root / "src dir" / "drv \u00e9.c"
    a.write_bytes(DRIVER_C.encode("utf-8"))
    b = root / "b.c"
    b.write_bytes(b"int x = *UserBuffer;\r\nint y = *UserBuffer;\r\n")
    c = root / "c.c"
    c.write_bytes(b"int broken(\n")
    o = outside / "o.c"
    o.write_bytes(b"int z = *UserBuffer;\n")
    A, B, C, O = str(a), str(b), str(c), str(o)

    kd101 = Diagnostic(
        "KD101", "warning", "stack event 'e' is waited on in UserMode",
        Span(A, 5, 5, 5, 64),
        related=[Step(Span(A, 4, 12, 4, 13), "event 'e' declared on the stack [KEVENT]")],
        code_flow=[Step(Span(A, 4, 12, 4, 13), "'e' is a stack variable"),
                   Step(Span(A, 4, 20, 4, 37), "'e' initialised"),
                   Step(Span(A, 5, 5, 5, 64), "waited on with UserMode")],
        fixes=[Fix("wait in KernelMode", Span(A, 5, 42, 5, 50), "KernelMode")],
    )
    note = Diagnostic("KD401", "note", "user pointer 'UserBuffer' read", Span(B, 2, 10, 2, 20))
    suppressed = Diagnostic("KD401", "warning", "user pointer 'UserBuffer' read",
                            Span(B, 1, 10, 1, 20), suppressed="probed by the caller")
    out_diag = Diagnostic("KD401", "error", "user pointer 'UserBuffer' read", Span(O, 1, 10, 1, 20))
    files = [
        FileResult(A, [kd101], [], FileHealth(A, "model", functions=1)),
        FileResult(B, [suppressed, note],
                   [Notice(B, "error", "clang reported 1 error(s) with the model headers; "
                                       "findings in the affected functions may be missing: "
                                       "1:9: use of undeclared identifier 'UserBuffer'")],
                   FileHealth(B, "model", errors=1, first_errors=[
                       "1:9: use of undeclared identifier 'UserBuffer'"])),
        FileResult(C, [], [], FileHealth(C, "model", errors=2, functions=0,
                                         first_errors=["1:12: expected ')'", "2:1: expected ';'"])),
        FileResult(O, [out_diag], [], FileHealth(O, "model", functions=0)),
    ]
    run = RunResult(str(root), files, rule_ids=["KD101", "KD401"])
    for f in files:
        run.health.add(f.health)
    return run
