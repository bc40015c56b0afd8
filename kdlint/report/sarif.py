"""SARIF 2.1.0 for GitHub code scanning and IDE viewers, built from sarif-om objects.

What goes in (ECOSYSTEM.md §1, §2):

- ``tool.driver``: name, version, semanticVersion, informationUri and every selected rule's
  metadata, taken from the rule class: ``shortDescription`` is the docstring's summary line,
  ``fullDescription`` its "What it does" section (at most 1024 characters), ``help`` the whole
  docstring as text and markdown, ``helpUri`` :data:`HELP_URI` pointing at the rule's heading
  ``## KD101 event-init-bad-arguments`` in ``docs/rules.md`` (anchor
  ``#kd101-event-init-bad-arguments``, :func:`rule_anchor`; the page is the output of
  ``kdlint rules --format markdown``), ``defaultConfiguration.level`` the
  severity, and ``properties`` the tags (family first), precision and either ``security-severity``
  (a string; security rules) or ``problem.severity`` (the others).
- One result per diagnostic: ``ruleId`` and ``ruleIndex`` (into ``driver.rules``), an explicit
  ``level``, the message, one location with a full region, ``partialFingerprints`` (see below),
  ``relatedLocations`` (numbered from 1, linked from the message as ``[label](id)``),
  ``codeFlows`` (one thread flow), and ``fixes``.
- URIs: a file inside ``run.root`` gets a percent-encoded, forward-slash relative ``uri`` with
  ``uriBaseId: "%SRCROOT%"`` and ``run.originalUriBaseIds["%SRCROOT%"]`` is the root's ``file:``
  URI ending in ``/``; a file outside the root gets an absolute ``file:`` URI. Columns are passed
  through (they are already UTF-16 code units) and the run says ``columnKind: utf16CodeUnits``.
- Suppressed diagnostics are left out by default, because GitHub ignores ``suppressions`` and would
  open alerts for them. With ``include_suppressed=True`` they are kept with
  ``suppressions: [{kind: inSource, justification}]`` and, as the spec requires within a run, every
  other result gets ``suppressions: []``.
- ``invocations[0]``: ``executionSuccessful`` (false when the run had tool errors), one
  ``toolExecutionNotification`` per notice (the engine already emits one per file with clang
  errors; a file whose parse health shows errors but which has no error notice gets one built
  from its health), and tool errors as ``toolConfigurationNotifications``.
- ``runs[0].properties.parseHealth`` and ``automationDetails.id = "<category>/"``.
- GitHub's limits (ECOSYSTEM.md §1.4), since an upload over any of them is rejected: at most
  :data:`MAX_RESULTS` results per run (the gravest are kept: unsuppressed before suppressed,
  then by level, then by the rule's security-severity, ties in the usual order; a
  ``toolExecutionNotification`` counts the rest), :data:`MAX_THREAD_FLOW_LOCATIONS` steps per
  code flow (a final step says how many were left out), :data:`MAX_LOCATIONS` related locations
  per result (the message says how many were left out), :data:`MAX_TAGS` tags per rule and
  :data:`MAX_DESCRIPTION` characters per description. ``locations`` always holds one location.

``partialFingerprints.primaryLocationLineHash`` is a port of github/codeql-action's
``src/fingerprints.ts`` (:mod:`kdlint.fingerprint`): it is checked against that project's own test
vectors in ``tests/test_sarif.py``. The engine stamps it on each finding from the bytes it
analysed, so cached results carry it; a finding without one is hashed here from the file on disk,
as the action reads the checkout. An unreadable file gets no fingerprint.

Serialisation: sarif-om has no serialiser and ``jschema_to_python.to_json`` drops every value equal
to its schema default, explicit ``level: "warning"`` included. :func:`to_data` walks
``attr.fields()``, renames by ``metadata["schema_property_name"]``, drops ``None``, keeps every value
that was passed to the constructor (objects are built with :func:`make`, which records that) and
drops sarif-om's unrequested defaults (``charOffset: -1``, ``language: "en-US"``, ...). Dicts
(property bags) pass through. The output is deterministic.
"""
from __future__ import annotations

import enum
import json as _json
import os
import re
from pathlib import Path
from typing import Any, Optional, Sequence
from urllib.parse import quote

import attr
import sarif_om as om

from kdlint import INFORMATION_URI, __version__
from kdlint.fingerprint import file_line_hashes
from kdlint.report import relative_to_root, visible_diagnostics
from kdlint.results import Diagnostic, Fix, RunResult, Span, Step
from kdlint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
DEFAULT_CATEGORY = "kdlint"
#: Where a rule's documentation lives; ``{anchor}`` is :func:`rule_anchor`.
HELP_URI = INFORMATION_URI + "/blob/main/docs/rules.md#{anchor}"
# GitHub's limits (ECOSYSTEM.md §1.4); a file over any of them is rejected at upload.
MAX_DESCRIPTION = 1024  # characters in shortDescription and fullDescription
MAX_TAGS = 20  # tags per rule
MAX_RESULTS = 25_000  # results per run
MAX_THREAD_FLOW_LOCATIONS = 10_000  # thread-flow locations per result
MAX_LOCATIONS = 1_000  # locations, and relatedLocations, per result
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}


# -- serialisation ---------------------------------------------------------------------------
_EXPLICIT = "_kdlint_explicit"
#: Keys written first, in this order, for readability; the rest follow sarif-om's field order.
_FIRST_KEYS = ("$schema", "version", "id", "name", "ruleId", "ruleIndex", "level", "message",
               "locations")


def make(cls: type, **kwargs: Any) -> Any:
    """``cls(**kwargs)``, remembering which fields were given so :func:`to_data` keeps them."""
    obj = cls(**kwargs)
    obj.__dict__[_EXPLICIT] = frozenset(kwargs)
    return obj


def _is_default(field: "attr.Attribute", value: Any) -> bool:
    default = field.default
    if default is attr.NOTHING:
        return False
    if isinstance(default, attr.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return type(value) is type(default) and value == default


def to_data(value: Any) -> Any:
    """A sarif-om object tree as plain JSON data (see the module docstring for the rules)."""
    if attr.has(type(value)):
        explicit = value.__dict__.get(_EXPLICIT, frozenset())
        out = {}
        for field in attr.fields(type(value)):
            v = getattr(value, field.name)
            if v is None or (field.name not in explicit and _is_default(field, v)):
                continue
            out[field.metadata.get("schema_property_name", field.name)] = to_data(v)
        first = {k: out.pop(k) for k in _FIRST_KEYS if k in out}
        return {**first, **out}
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, enum.Enum):
        return to_data(value.value)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} into SARIF: {value!r}")


def dumps(log: Any) -> str:
    return _json.dumps(to_data(log), indent=2, ensure_ascii=True) + "\n"


class _Fingerprints:
    """Each result's line hash: the one the engine stamped on it (:mod:`kdlint.fingerprint`),
    else hashed here from the file on disk, once per file (results made outside the engine)."""

    def __init__(self) -> None:
        self._files: dict[str, dict[int, str]] = {}

    def get(self, d: Diagnostic) -> Optional[str]:
        if d.line_hash is not None:
            return d.line_hash
        if d.span.path not in self._files:
            self._files[d.span.path] = file_line_hashes(d.span.path)
        return self._files[d.span.path].get(max(d.span.line, 1))


# -- locations ---------------------------------------------------------------------------
def file_uri(path: str) -> str:
    """The absolute ``file:`` URI of ``path`` (percent-encoded)."""
    return Path(os.path.abspath(path)).as_uri()


def root_uri(root: str) -> str:
    uri = file_uri(root)
    return uri if uri.endswith("/") else uri + "/"


def artifact_location(path: str, root: str) -> Any:
    rel = relative_to_root(path, root)
    if rel is not None:
        return make(om.ArtifactLocation, uri=quote(rel, safe="/"), uri_base_id=SRCROOT)
    return make(om.ArtifactLocation, uri=file_uri(path))


def region(span: Span) -> Any:
    start = (max(span.line, 1), max(span.column, 1))
    end = (span.end_line, span.end_column)
    if end < start or end[1] < 1:
        end = start
    return make(om.Region, start_line=start[0], start_column=start[1],
                end_line=end[0], end_column=end[1])


def physical_location(span: Span, root: str) -> Any:
    return make(om.PhysicalLocation, artifact_location=artifact_location(span.path, root),
                region=region(span))


def _link_text(text: str) -> str:
    """Escape ``\\``, ``[`` and ``]`` in the text of an embedded link (SARIF §3.11.6)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


# -- rules -------------------------------------------------------------------------------
def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


_NOT_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a markdown heading (github-slugger, before de-duplication):
    lower-cased, punctuation other than ``-`` and ``_`` removed, each space a ``-``."""
    return _NOT_SLUG.sub("", heading.strip().lower()).replace(" ", "-")


def rule_heading(rule: type[Rule]) -> str:
    """The rule's heading text in ``docs/rules.md`` (``KD101 event-init-bad-arguments``)."""
    return f"{rule.id} {rule.name}"


def rule_anchor(rule: type[Rule]) -> str:
    """The GitHub anchor of :func:`rule_heading` (``kd101-event-init-bad-arguments``)."""
    return github_anchor(rule_heading(rule))


def help_uri(rule: type[Rule]) -> str:
    return HELP_URI.format(anchor=rule_anchor(rule))


def rule_descriptor(rule: type[Rule]) -> Any:
    level = getattr(rule.severity, "value", rule.severity)
    tags = list(dict.fromkeys(rule.all_tags()))[:MAX_TAGS]
    properties: dict[str, Any] = {"tags": tags, "precision": rule.precision}
    if rule.security_severity is not None:
        properties["security-severity"] = str(rule.security_severity)
    else:
        properties["problem.severity"] = PROBLEM_SEVERITY[level]
    doc = rule.doc()
    full = rule.full_description()
    return make(
        om.ReportingDescriptor,
        id=rule.id,
        name=rule.name,
        short_description=make(om.MultiformatMessageString, text=_clip(rule.summary())),
        full_description=make(om.MultiformatMessageString, text=_clip(full), markdown=_clip(full)),
        help=make(om.MultiformatMessageString, text=doc, markdown=doc),
        help_uri=help_uri(rule),
        default_configuration=make(om.ReportingConfiguration, level=level),
        properties=properties,
    )


# -- results -----------------------------------------------------------------------------
def _message(d: Diagnostic) -> str:
    """The message, linking each related location kept (at most :data:`MAX_LOCATIONS`)."""
    if not d.related:
        return d.message
    related = d.related[:MAX_LOCATIONS]
    links = ", ".join(f"[{_link_text(s.message or 'related location')}]({i})"
                      for i, s in enumerate(related, 1))
    more = len(d.related) - len(related)
    if more:
        links += (f" and {more} more related location(s) left out (GitHub accepts at most "
                  f"{MAX_LOCATIONS} per result)")
    return f"{d.message} (see {links})"


def _step_location(step: Step, root: str, **extra: Any) -> Any:
    kwargs = dict(physical_location=physical_location(step.span, root), **extra)
    if step.message:
        kwargs["message"] = make(om.Message, text=step.message)
    return make(om.Location, **kwargs)


def _fix(fix: Fix, root: str) -> Any:
    replacement = make(om.Replacement, deleted_region=region(fix.span),
                       inserted_content=make(om.ArtifactContent, text=fix.text))
    change = make(om.ArtifactChange, artifact_location=artifact_location(fix.span.path, root),
                  replacements=[replacement])
    return make(om.Fix, description=make(om.Message, text=fix.description),
                artifact_changes=[change])


def _thread_flow_steps(steps: Sequence[Step]) -> list[Step]:
    """``steps``, or when there are more than :data:`MAX_THREAD_FLOW_LOCATIONS`, the first ones
    and a final step, at the last step's location, saying how many were left out."""
    if len(steps) <= MAX_THREAD_FLOW_LOCATIONS:
        return list(steps)
    kept = list(steps[:MAX_THREAD_FLOW_LOCATIONS - 1])
    last = steps[-1]
    left_out = len(steps) - len(kept) - 1
    text = (f"{left_out} step(s) left out (GitHub accepts at most {MAX_THREAD_FLOW_LOCATIONS} "
            f"per result)" + (f"; last step: {last.message}" if last.message else ""))
    return kept + [Step(last.span, text)]


def result(d: Diagnostic, *, root: str, rule_index: dict[str, int], with_suppressions: bool,
           fingerprints: Optional[_Fingerprints]) -> Any:
    kwargs: dict[str, Any] = dict(
        rule_id=d.rule_id,
        level=d.level,
        message=make(om.Message, text=_message(d)),
        locations=[make(om.Location, physical_location=physical_location(d.span, root))],
    )
    if d.rule_id in rule_index:
        kwargs["rule_index"] = rule_index[d.rule_id]
    if fingerprints is not None:
        value = fingerprints.get(d)
        if value is not None:
            kwargs["partial_fingerprints"] = {"primaryLocationLineHash": value}
    if d.related:
        kwargs["related_locations"] = [_step_location(s, root, id=i)
                                       for i, s in enumerate(d.related[:MAX_LOCATIONS], 1)]
    if d.code_flow:
        flow = make(om.ThreadFlow, locations=[
            make(om.ThreadFlowLocation, location=_step_location(s, root))
            for s in _thread_flow_steps(d.code_flow)])
        kwargs["code_flows"] = [make(om.CodeFlow, thread_flows=[flow])]
    if d.fixes:
        kwargs["fixes"] = [_fix(f, root) for f in d.fixes]
    if with_suppressions:
        suppressions = []
        if d.suppressed is not None:
            extra = {"justification": d.suppressed} if d.suppressed else {}
            suppressions.append(make(om.Suppression, kind="inSource", **extra))
        kwargs["suppressions"] = suppressions
    return make(om.Result, **kwargs)


# -- notifications -----------------------------------------------------------------------
def _file_location(path: str, line: int, root: str) -> Any:
    kwargs = dict(artifact_location=artifact_location(path, root))
    if line > 0:
        kwargs["region"] = make(om.Region, start_line=line)
    return make(om.Location, physical_location=make(om.PhysicalLocation, **kwargs))


def _notification(level: str, text: str, path: Optional[str], line: int, root: str) -> Any:
    kwargs: dict[str, Any] = dict(level=level, message=make(om.Message, text=text))
    if path:
        kwargs["locations"] = [_file_location(path, line, root)]
    return make(om.Notification, **kwargs)


def notifications(run: RunResult) -> list[Any]:
    """One per notice, plus one per file whose health shows clang errors but has no error notice."""
    out = []
    for fr in run.files:
        for n in fr.notices:
            out.append(_notification(n.level, n.message, n.path, n.line, run.root))
        h = fr.health
        if h is not None and h.has_errors and not any(n.level == "error" for n in fr.notices):
            if h.failed is not None:
                text = f"cannot analyse this file: {h.failed}"
            else:
                first = "; ".join(h.first_errors)
                text = (f"clang reported {h.errors} error(s) with the {h.headers} headers; "
                        f"findings in the affected functions may be missing"
                        + (f": {first}" if first else ""))
            out.append(_notification("error", text, h.path or fr.path, 0, run.root))
    return out


# -- GitHub's results-per-run limit ---------------------------------------------------------
_LEVEL_RANK = {"note": 0, "warning": 1, "error": 2}


def _gravity(d: Diagnostic, rules: dict[str, type[Rule]]) -> tuple:
    """Sorts the results to keep first: unsuppressed, then by level, then by the rule's
    security-severity (GitHub's own display order)."""
    rule = rules.get(d.rule_id)
    try:
        security = float(rule.security_severity) if rule and rule.security_severity else 0.0
    except ValueError:
        security = 0.0
    return (d.suppressed is None, _LEVEL_RANK.get(d.level, 0), security)


def _cap_results(diagnostics: list[Diagnostic], rules: Sequence[type[Rule]]
                 ) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(kept, left out): at most :data:`MAX_RESULTS` kept, the gravest first (ties keep the
    earlier one in the usual path/line order); the kept ones stay in that usual order."""
    if len(diagnostics) <= MAX_RESULTS:
        return diagnostics, []
    by_id = {r.id: r for r in rules}
    order = sorted(range(len(diagnostics)),
                   key=lambda i: (tuple(-x for x in _gravity(diagnostics[i], by_id)), i))
    keep = set(order[:MAX_RESULTS])
    return ([d for i, d in enumerate(diagnostics) if i in keep],
            [d for i, d in enumerate(diagnostics) if i not in keep])


def _left_out_notification(left_out: list[Diagnostic], kept: int) -> Any:
    counts = {level: sum(d.level == level for d in left_out)
              for level in ("error", "warning", "note")}
    detail = ", ".join(f"{n} {level}" for level, n in counts.items() if n)
    text = (f"{len(left_out)} result(s) left out ({detail}): GitHub accepts at most "
            f"{MAX_RESULTS} results per run, so only the {kept} gravest were written; "
            f"run kdlint on fewer files or with fewer rules to see the rest")
    return make(om.Notification, level="warning", message=make(om.Message, text=text),
                properties={"resultsLeftOut": len(left_out)})


# -- the log -----------------------------------------------------------------------------
def build(run: RunResult, *, rules: Sequence[type[Rule]], include_suppressed: bool = False,
          category: Optional[str] = DEFAULT_CATEGORY, fingerprints: bool = True) -> Any:
    """The sarif-om :class:`~sarif_om.SarifLog` for ``run``."""
    rules = sorted(rules, key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    hashes = _Fingerprints() if fingerprints else None
    kept, left_out = _cap_results(visible_diagnostics(run, include_suppressed), rules)
    results = [result(d, root=run.root, rule_index=rule_index,
                      with_suppressions=include_suppressed, fingerprints=hashes)
               for d in kept]
    driver = make(om.ToolComponent, name="kdlint", version=__version__,
                  semantic_version=__version__, information_uri=INFORMATION_URI,
                  rules=[rule_descriptor(r) for r in rules])
    invocation: dict[str, Any] = dict(execution_successful=not run.tool_errors)
    execution = notifications(run)
    if left_out:
        execution.append(_left_out_notification(left_out, len(kept)))
    if execution:
        invocation["tool_execution_notifications"] = execution
    if run.tool_errors:
        invocation["tool_configuration_notifications"] = [
            _notification("error", e, None, 0, run.root) for e in run.tool_errors]
    run_kwargs: dict[str, Any] = dict(
        tool=make(om.Tool, driver=driver),
        results=results,
        invocations=[make(om.Invocation, **invocation)],
        original_uri_base_ids={SRCROOT: make(om.ArtifactLocation, uri=root_uri(run.root))},
        column_kind="utf16CodeUnits",
        properties={"parseHealth": run.health.as_json()},
    )
    if category:
        run_kwargs["automation_details"] = make(om.RunAutomationDetails,
                                                id=category.rstrip("/") + "/")
    return make(om.SarifLog, schema_uri=SCHEMA_URI, version=SARIF_VERSION,
                runs=[make(om.Run, **run_kwargs)])


def render(run: RunResult, *, rules: Sequence[type[Rule]], include_suppressed: bool = False,
           category: Optional[str] = DEFAULT_CATEGORY, fingerprints: bool = True) -> str:
    """The SARIF log as JSON text (two-space indent, ASCII, trailing newline)."""
    return dumps(build(run, rules=rules, include_suppressed=include_suppressed,
                       category=category, fingerprints=fingerprints))
