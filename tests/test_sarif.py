"""The SARIF reporter: schema-valid, accepted by Microsoft's validator, and GitHub-safe."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import attr
import pytest
import sarif_om as om

import kdlint
from kdlint.fingerprint import line_hashes
from kdlint.report import sarif
from kdlint.results import Diagnostic, FileResult, RunResult, Span, Step
from kdlint.rule import Severity
from sarif_validate import (multitool_validate, region_problems, sample_rules, sample_run,
                            schema_errors, unavailable, uri_problems)

RULES = sample_rules()


@pytest.fixture
def run(tmp_path):
    return sample_run(tmp_path / "repo", tmp_path / "elsewhere")


def render(run, **kwargs) -> dict:
    return json.loads(sarif.render(run, rules=RULES, **kwargs))


def results_by_message(log):
    return {r["message"]["text"].split(" (see ")[0]: r for r in log["runs"][0]["results"]}


# -- validity ------------------------------------------------------------------------------
@pytest.mark.parametrize("include_suppressed", [False, True])
def test_valid_against_sarif_schema(run, include_suppressed):
    log = render(run, include_suppressed=include_suppressed)
    assert schema_errors(log) == []
    assert uri_problems(log) == []
    assert region_problems(log) == []


def test_empty_run_is_valid(tmp_path):
    log = json.loads(sarif.render(RunResult(str(tmp_path)), rules=[]))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    assert schema_errors(log) == []


@pytest.mark.parametrize("include_suppressed", [False, True])
def test_microsoft_validator_reports_no_errors_or_warnings(run, tmp_path, include_suppressed):
    out = tmp_path / "kdlint.sarif"
    out.write_text(sarif.render(run, rules=RULES, include_suppressed=include_suppressed),
                   encoding="utf-8")
    findings, output = multitool_validate(out)
    serious = [f for f in findings if f["level"] in ("error", "warning")]
    assert serious == [], output


def test_microsoft_validator_really_runs_its_rules(tmp_path):
    """Guard: without --rule-kind the validator silently runs no rules; make sure ours do."""
    bad = tmp_path / "bad.sarif"
    bad.write_text(json.dumps({"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "x"}},
        "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "file:///C:/a%20b/c.c"}}}]}]}]}), encoding="utf-8")
    findings, output = multitool_validate(bad)
    rules = {f["rule"] for f in findings if f["level"] == "error"}
    assert "SARIF1010" in rules, output  # result without ruleId (a SARIF rule)
    assert any(r.startswith("GH") for r in rules), output  # GitHub ingestion rules ran too


def test_schema_catches_a_bad_level(run):
    log = render(run)
    log["runs"][0]["results"][0]["level"] = "bogus"
    assert schema_errors(log)


# -- serializer ----------------------------------------------------------------------------
def test_explicit_level_kept_when_equal_to_default(run):
    """KD101's default level is error; its result says warning, which is sarif-om's default."""
    log = render(run)
    kd101 = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "KD101")
    assert kd101["level"] == "warning"
    kd401 = log["runs"][0]["tool"]["driver"]["rules"][1]
    assert kd401["defaultConfiguration"] == {"level": "warning"}
    assert all("level" in r for r in log["runs"][0]["results"])


def test_serializer_keeps_given_values_and_drops_unrequested_defaults():
    made = sarif.to_data(sarif.make(om.Result, message=sarif.make(om.Message, text="m"),
                                    level="warning", kind="fail", rule_index=0))
    assert made == {"level": "warning", "message": {"text": "m"}, "kind": "fail", "ruleIndex": 0}
    # Built without make(): values equal to sarif-om's defaults (charOffset -1, ...) are dropped.
    assert sarif.to_data(om.Region(start_line=3)) == {"startLine": 3}
    assert sarif.to_data(sarif.make(om.Region, start_line=3)) == {"startLine": 3}
    run = sarif.to_data(sarif.make(om.Run, tool=sarif.make(om.Tool, driver=sarif.make(
        om.ToolComponent, name="t"))))
    assert run == {"tool": {"driver": {"name": "t"}}}  # no language, newlineSequences, contents


def test_serializer_renames_passes_dicts_and_rejects_unknown_types():
    log = sarif.to_data(sarif.make(om.SarifLog, schema_uri="s", version="2.1.0", runs=[],
                                   properties={"a.b": {"c": [1, None]}}))
    assert list(log) == ["$schema", "version", "runs", "properties"]
    assert log["properties"] == {"a.b": {"c": [1, None]}}
    with pytest.raises(TypeError):
        sarif.to_data(sarif.make(om.Message, text=Path("x")))


def test_every_sarif_om_field_has_a_schema_name():
    for name in dir(om):
        cls = getattr(om, name)
        if isinstance(cls, type) and attr.has(cls):
            for field in attr.fields(cls):
                assert field.metadata.get("schema_property_name"), (name, field.name)


def test_output_is_deterministic(run):
    first = sarif.render(run, rules=RULES)
    assert sarif.render(run, rules=list(reversed(RULES))) == first
    assert first.endswith("\n") and first.isascii()


# -- rules ---------------------------------------------------------------------------------
def test_rule_metadata(run):
    driver = render(run)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "kdlint"
    assert driver["version"] == driver["semanticVersion"] == kdlint.__version__
    assert driver["informationUri"] == kdlint.INFORMATION_URI
    kd101, kd401 = driver["rules"]
    assert kd101["id"] == "KD101" and kd101["name"] == "stack-event-waited-in-user-mode"
    assert kd101["shortDescription"] == {"text": "Stack event waited on in user mode."}
    assert kd101["fullDescription"]["text"] == RULES[0].full_description()
    assert kd101["help"] == {"text": RULES[0].doc(), "markdown": RULES[0].doc()}
    assert kd101["helpUri"] == (kdlint.INFORMATION_URI
                                + "/blob/main/docs/rules.md#kd101-stack-event-waited-in-user-mode")
    assert kd101["defaultConfiguration"] == {"level": "error"}
    assert kd101["properties"] == {"tags": ["event"], "precision": "very-high",
                                   "problem.severity": "error"}
    assert kd401["properties"] == {
        "tags": ["user-memory", "security", "external/cwe/cwe-822"],
        "precision": "medium", "security-severity": "8.1"}


def test_long_descriptions_are_clipped_to_github_limit(tmp_path):
    class Long(RULES[0]):
        __doc__ = "Short.\n\n## What it does\n" + "x" * 3000 + "\n## Why is this bad?\nb\n## Example\ne\n"
        id, name = "KD102", "long-rule-name"

    rule = sarif.to_data(sarif.rule_descriptor(Long))
    assert len(rule["fullDescription"]["text"]) == 1024
    assert "x" * 3000 in rule["help"]["text"]
    assert sarif.rule_descriptor(Long).properties["problem.severity"] == "error"


def test_note_severity_maps_to_recommendation():
    class Quiet(RULES[0]):
        __doc__ = RULES[0].__doc__
        id, name, severity = "KD103", "quiet-rule", Severity.NOTE

    d = sarif.to_data(sarif.rule_descriptor(Quiet))
    assert d["defaultConfiguration"] == {"level": "note"}
    assert d["properties"]["problem.severity"] == "recommendation"


def test_rule_index_matches_rule_id(run):
    log = render(run, include_suppressed=True)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert log["runs"][0]["results"]
    for r in log["runs"][0]["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_result_for_unselected_rule_has_no_rule_index(run):
    log = json.loads(sarif.render(run, rules=RULES[:1]))
    for r in log["runs"][0]["results"]:
        assert ("ruleIndex" in r) == (r["ruleId"] == "KD101")


# -- locations -----------------------------------------------------------------------------
def test_relative_uris_with_uri_base_id(run, tmp_path):
    log = render(run)
    r = log["runs"][0]
    assert r["originalUriBaseIds"] == {"%SRCROOT%": {"uri": (tmp_path / "repo").as_uri() + "/"}}
    loc = results_by_message(log)["stack event 'e' is waited on in UserMode"]
    art = loc["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "src%20dir/drv%20%C3%A9.c", "uriBaseId": "%SRCROOT%"}


def test_full_region_and_utf16_columns_passed_through(run):
    log = render(run)
    assert log["runs"][0]["columnKind"] == "utf16CodeUnits"
    kd101 = results_by_message(log)["stack event 'e' is waited on in UserMode"]
    assert kd101["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 64}
    flow = kd101["codeFlows"][0]["threadFlows"][0]["locations"]
    # Column 20 on line 4 comes after two 'é' (one UTF-16 unit each, two UTF-8 bytes each).
    assert flow[1]["location"]["physicalLocation"]["region"]["startColumn"] == 20


def test_reversed_region_is_clamped(tmp_path):
    region = sarif.to_data(sarif.region(Span(str(tmp_path / "a.c"), 4, 9, 3, 1)))
    assert region == {"startLine": 4, "startColumn": 9, "endLine": 4, "endColumn": 9}


def test_file_outside_root_gets_absolute_file_uri(run, tmp_path):
    log = render(run)
    out = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert len(out) == 1
    art = out[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": (tmp_path / "elsewhere" / "o.c").as_uri()}


# -- suppressions --------------------------------------------------------------------------
def test_suppressed_results_left_out_by_default(run):
    log = render(run)
    results = log["runs"][0]["results"]
    assert len(results) == 3
    assert all("suppressions" not in r for r in results)


def test_suppressions_on_every_result_when_included(run):
    log = render(run, include_suppressed=True)
    results = log["runs"][0]["results"]
    assert len(results) == 4
    assert all(isinstance(r.get("suppressions"), list) for r in results)
    suppressed = [r for r in results if r["suppressions"]]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "inSource",
                                              "justification": "probed by the caller"}]
    assert suppressed[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_suppression_without_reason_has_no_justification(tmp_path):
    path = str(tmp_path / "a.c")
    d = Diagnostic("KD101", "warning", "m", Span(path, 1, 1, 1, 2), suppressed="")
    run = RunResult(str(tmp_path), [FileResult(path, [d])])
    log = json.loads(sarif.render(run, rules=RULES, include_suppressed=True, fingerprints=False))
    assert log["runs"][0]["results"][0]["suppressions"] == [{"kind": "inSource"}]


# -- related locations, code flows, fixes --------------------------------------------------
def test_related_locations_have_ids_and_are_linked_from_the_message(run):
    kd101 = results_by_message(render(run))["stack event 'e' is waited on in UserMode"]
    assert kd101["message"]["text"] == (
        "stack event 'e' is waited on in UserMode "
        "(see [event 'e' declared on the stack \\[KEVENT\\]](1))")
    (related,) = kd101["relatedLocations"]
    assert related["id"] == 1
    assert related["message"] == {"text": "event 'e' declared on the stack [KEVENT]"}
    assert related["physicalLocation"]["region"]["startLine"] == 4


def test_code_flows(run):
    kd101 = results_by_message(render(run))["stack event 'e' is waited on in UserMode"]
    (flow,) = kd101["codeFlows"]
    (thread,) = flow["threadFlows"]
    assert [s["location"]["message"]["text"] for s in thread["locations"]] == [
        "'e' is a stack variable", "'e' initialised", "waited on with UserMode"]
    assert all(s["location"]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
               for s in thread["locations"])


def test_fixes(run):
    kd101 = results_by_message(render(run))["stack event 'e' is waited on in UserMode"]
    assert kd101["fixes"] == [{
        "description": {"text": "wait in KernelMode"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "src%20dir/drv%20%C3%A9.c", "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": 5, "startColumn": 42, "endLine": 5,
                                  "endColumn": 50},
                "insertedContent": {"text": "KernelMode"}}]}]}]


def test_results_without_extras_have_no_empty_arrays(run):
    plain = [r for r in render(run)["runs"][0]["results"] if r["ruleId"] == "KD401"]
    for r in plain:
        assert not {"relatedLocations", "codeFlows", "fixes"} & set(r)


# -- invocation, notifications, run properties ---------------------------------------------
def test_one_notification_per_file_with_clang_errors(run):
    inv = render(run)["runs"][0]["invocations"]
    assert len(inv) == 1 and inv[0]["executionSuccessful"] is True
    notes = inv[0]["toolExecutionNotifications"]
    by_uri = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n for n in notes}
    assert sorted(by_uri) == ["b.c", "c.c"]
    assert all(n["level"] == "error" for n in notes)
    assert "use of undeclared identifier 'UserBuffer'" in by_uri["b.c"]["message"]["text"]
    assert by_uri["c.c"]["message"]["text"] == (
        "clang reported 2 error(s) with the model headers; findings in the affected functions "
        "may be missing: 1:12: expected ')'; 2:1: expected ';'")
    assert "toolConfigurationNotifications" not in inv[0]


def test_tool_errors_make_the_execution_unsuccessful(tmp_path):
    run = RunResult(str(tmp_path), tool_errors=["nothing to analyse"])
    inv = json.loads(sarif.render(run, rules=RULES))["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolConfigurationNotifications"] == [
        {"message": {"text": "nothing to analyse"}, "level": "error"}]


def test_parse_health_and_automation_details(run):
    r = render(run)["runs"][0]
    assert r["properties"]["parseHealth"] == run.health.as_json()
    assert r["properties"]["parseHealth"]["filesWithErrors"] == 2
    assert r["automationDetails"] == {"id": "kdlint/"}
    assert render(run, category="kdlint-x64/")["runs"][0]["automationDetails"] == {
        "id": "kdlint-x64/"}
    assert "automationDetails" not in render(run, category=None)["runs"][0]


def test_log_header(run):
    log = render(run)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


# -- fingerprints --------------------------------------------------------------------------
# Expected values from github/codeql-action src/fingerprints.test.ts ("hash" test).
CODEQL_VECTORS = [
    ("", ["c129715d7a2bc9a3:1"]),
    (" a\nb\n  \t\tc\n d", ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                           "a23a3dc5e078b07b:1"]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
     ["8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
      "b86d3392aea1be30:1", "e6ceba753e1a442:1"]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
     ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
    (" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
     ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
    (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
     ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
    (" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
     ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
    ("Lorem ipsum dolor sit amet.\n" * 10,
     ["a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"]),
    ("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
     ["e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1", "5c482a0f8b35ea28:1",
      "54517377da7028d2:1", "2c644846cb18d53e:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1"]),
]


@pytest.mark.parametrize("text,expected", CODEQL_VECTORS)
def test_line_hashes_match_codeql_action(text, expected):
    hashes = line_hashes(text.encode("utf-8"))
    assert [hashes[i] for i in sorted(hashes)] == expected
    assert sorted(hashes) == list(range(1, len(expected) + 1))


def test_line_hashes_count_utf16_units_and_keep_bad_bytes():
    # A non-BMP character is two UTF-16 units (JavaScript's charCodeAt), so 50 of them fill the
    # 100-unit window and what follows on the line no longer matters.
    clef = "\U0001d11e" * 50
    assert (line_hashes(f"{clef}A\n".encode())[1]
            == line_hashes(f"{clef}B\n".encode())[1])
    assert (line_hashes(f"{clef[:-1]}A\n".encode())[1]
            != line_hashes(f"{clef[:-1]}B\n".encode())[1])
    # Bytes that are not UTF-8 become one U+FFFD each, as in Node's decoder.
    assert line_hashes(b"a\xffb\n") == line_hashes("a\ufffdb\n".encode())
    assert line_hashes(b"a\r\nb") == line_hashes(b"a\nb")


def test_results_carry_the_primary_location_line_hash(run, tmp_path):
    log = render(run)
    kd101 = results_by_message(log)["stack event 'e' is waited on in UserMode"]
    data = (tmp_path / "repo" / "src dir" / "drv \u00e9.c").read_bytes()
    assert kd101["partialFingerprints"] == {
        "primaryLocationLineHash": line_hashes(data)[5]}
    assert all("partialFingerprints" not in r
               for r in render(run, fingerprints=False)["runs"][0]["results"])


def test_a_stamped_line_hash_is_reported_as_it_is(run):
    # the engine's hash (kdlint.fingerprint.stamp) wins over the file on disk
    d = next(d for d in run.diagnostics if d.message == "stack event 'e' is waited on in UserMode")
    d.line_hash = "0123456789abcdef:7"
    kd101 = results_by_message(render(run))["stack event 'e' is waited on in UserMode"]
    assert kd101["partialFingerprints"] == {"primaryLocationLineHash": "0123456789abcdef:7"}


def test_unreadable_file_gets_no_fingerprint(tmp_path):
    path = str(tmp_path / "gone.c")
    run = RunResult(str(tmp_path), [FileResult(path, [
        Diagnostic("KD101", "warning", "m", Span(path, 1, 1, 1, 2))])])
    (result,) = json.loads(sarif.render(run, rules=RULES))["runs"][0]["results"]
    assert "partialFingerprints" not in result


# -- golden structure ----------------------------------------------------------------------
VOLATILE = "<volatile>"


def strip_volatile(log: dict) -> dict:
    """Replace values that depend on the version or the machine (absolute paths)."""
    log = copy.deepcopy(log)
    r = log["runs"][0]
    r["tool"]["driver"]["version"] = r["tool"]["driver"]["semanticVersion"] = VOLATILE
    r["originalUriBaseIds"]["%SRCROOT%"]["uri"] = VOLATILE
    for loc in _artifact_locations(log):
        if loc["uri"].startswith("file:"):
            loc["uri"] = VOLATILE
    for rule in r["tool"]["driver"]["rules"]:
        rule["help"] = VOLATILE  # the docstrings; checked in test_rule_metadata
    return log


def _artifact_locations(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "artifactLocation":
                yield v
            yield from _artifact_locations(v)
    elif isinstance(value, list):
        for v in value:
            yield from _artifact_locations(v)


def _loc(uri, start_line, start_col, end_line, end_col, base=True):
    art = {"uri": uri, "uriBaseId": "%SRCROOT%"} if base else {"uri": uri}
    return {"physicalLocation": {"artifactLocation": art, "region": {
        "startLine": start_line, "startColumn": start_col, "endLine": end_line,
        "endColumn": end_col}}}


DRV = "src%20dir/drv%20%C3%A9.c"
GOLDEN = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [{
        "tool": {"driver": {
            "name": "kdlint",
            "informationUri": kdlint.INFORMATION_URI,
            "rules": [
                {"id": "KD101", "name": "stack-event-waited-in-user-mode",
                 "defaultConfiguration": {"level": "error"},
                 "fullDescription": {
                     "text": "Flags `KeWaitForSingleObject` on a stack `KEVENT` with `WaitMode` "
                             "`UserMode`.",
                     "markdown": "Flags `KeWaitForSingleObject` on a stack `KEVENT` with "
                                 "`WaitMode` `UserMode`."},
                 "help": VOLATILE,
                 "helpUri": kdlint.INFORMATION_URI
                 + "/blob/main/docs/rules.md#kd101-stack-event-waited-in-user-mode",
                 "properties": {"tags": ["event"], "precision": "very-high",
                                "problem.severity": "error"},
                 "shortDescription": {"text": "Stack event waited on in user mode."}},
                {"id": "KD401", "name": "user-pointer-not-probed",
                 "defaultConfiguration": {"level": "warning"},
                 "fullDescription": {
                     "text": "Flags reads through a pointer from user mode that was not passed "
                             "to `ProbeForRead`.",
                     "markdown": "Flags reads through a pointer from user mode that was not "
                                 "passed to `ProbeForRead`."},
                 "help": VOLATILE,
                 "helpUri": kdlint.INFORMATION_URI
                 + "/blob/main/docs/rules.md#kd401-user-pointer-not-probed",
                 "properties": {"tags": ["user-memory", "security", "external/cwe/cwe-822"],
                                "precision": "medium", "security-severity": "8.1"},
                 "shortDescription": {"text": "User pointer read before it was probed."}},
            ],
            "semanticVersion": VOLATILE,
            "version": VOLATILE,
        }},
        "automationDetails": {"id": "kdlint/"},
        "columnKind": "utf16CodeUnits",
        "invocations": [{
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {"message": {"text": "clang reported 1 error(s) with the model headers; findings "
                                     "in the affected functions may be missing: 1:9: use of "
                                     "undeclared identifier 'UserBuffer'"},
                 "level": "error",
                 "locations": [{"physicalLocation": {"artifactLocation": {
                     "uri": "b.c", "uriBaseId": "%SRCROOT%"}}}]},
                {"message": {"text": "clang reported 2 error(s) with the model headers; findings "
                                     "in the affected functions may be missing: 1:12: expected "
                                     "')'; 2:1: expected ';'"},
                 "level": "error",
                 "locations": [{"physicalLocation": {"artifactLocation": {
                     "uri": "c.c", "uriBaseId": "%SRCROOT%"}}}]},
            ],
        }],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": VOLATILE}},
        "properties": {"parseHealth": {"headers": "model", "files": 4, "filesWithErrors": 2,
                                       "filesNotAnalysed": 0, "functions": 1, "functionsWithErrors": 0,
                                       "functionsDropped": 0}},
        "results": [
            {"ruleId": "KD401", "ruleIndex": 1, "level": "error",
             "message": {"text": "user pointer 'UserBuffer' read"},
             "locations": [_loc(VOLATILE, 1, 10, 1, 20, base=False)],
             "partialFingerprints": {"primaryLocationLineHash": "PLACEHOLDER"}},
            {"ruleId": "KD401", "ruleIndex": 1, "level": "note",
             "message": {"text": "user pointer 'UserBuffer' read"},
             "locations": [_loc("b.c", 2, 10, 2, 20)],
             "partialFingerprints": {"primaryLocationLineHash": "PLACEHOLDER"}},
            {"ruleId": "KD101", "ruleIndex": 0, "level": "warning",
             "message": {"text": "stack event 'e' is waited on in UserMode (see [event 'e' "
                                 "declared on the stack \\[KEVENT\\]](1))"},
             "locations": [_loc(DRV, 5, 5, 5, 64)],
             "codeFlows": [{"threadFlows": [{"locations": [
                 {"location": {**_loc(DRV, 4, 12, 4, 13),
                               "message": {"text": "'e' is a stack variable"}}},
                 {"location": {**_loc(DRV, 4, 20, 4, 37),
                               "message": {"text": "'e' initialised"}}},
                 {"location": {**_loc(DRV, 5, 5, 5, 64),
                               "message": {"text": "waited on with UserMode"}}},
             ]}]}],
             "fixes": [{"artifactChanges": [{
                 "artifactLocation": {"uri": DRV, "uriBaseId": "%SRCROOT%"},
                 "replacements": [{"deletedRegion": {"startLine": 5, "startColumn": 42,
                                                     "endLine": 5, "endColumn": 50},
                                   "insertedContent": {"text": "KernelMode"}}]}],
                 "description": {"text": "wait in KernelMode"}}],
             "partialFingerprints": {"primaryLocationLineHash": "PLACEHOLDER"},
             "relatedLocations": [{"id": 1, **_loc(DRV, 4, 12, 4, 13),
                                   "message": {"text": "event 'e' declared on the stack "
                                                       "[KEVENT]"}}]},
        ],
    }],
}


def test_golden_structure(run):
    log = strip_volatile(render(run))
    for r in log["runs"][0]["results"]:
        assert ":" in r["partialFingerprints"]["primaryLocationLineHash"]
        r["partialFingerprints"]["primaryLocationLineHash"] = "PLACEHOLDER"
    assert log == GOLDEN
    # Key order is part of the format too (readable diffs of committed SARIF).
    assert list(render(run)) == ["$schema", "version", "runs"]
    assert list(render(run)["runs"][0]["results"][0])[:5] == [
        "ruleId", "ruleIndex", "level", "message", "locations"]


# -- the checks themselves -----------------------------------------------------------------
def test_uri_and_region_checks_catch_what_the_schema_misses():
    def log(*arts, region=None):
        locs = [{"physicalLocation": {"artifactLocation": a, **({"region": region} if region
                                                                 else {})}} for a in arts]
        return {"runs": [{"results": [{"locations": locs}]}]}

    assert len(uri_problems(log({"uri": "C:\\drv\\a b.c"}))) == 2
    assert uri_problems(log({"uri": "./a.c", "uriBaseId": "%SRCROOT%"}))
    assert uri_problems(log({"uri": "src/a.c"}))  # relative without a base
    assert uri_problems(log({"uri": "src/a%2.c", "uriBaseId": "%SRCROOT%"}))
    assert uri_problems(log({"uri": "file:///C:/a.c", "uriBaseId": "%SRCROOT%"}))
    assert uri_problems(log({"uri": "src/a%20b.c", "uriBaseId": "%SRCROOT%"},
                            {"uri": "file:///C:/drv/a%20b.c"})) == []
    assert region_problems(log({"uri": "a.c"}, region={"startColumn": 3}))


def test_missing_validator_fails_under_ci_and_skips_locally(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        unavailable("validator missing")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        unavailable("validator missing")


def _sarif_tools_loader():
    try:
        from sarif import loader
    except ImportError:
        unavailable("sarif-tools is not installed", "pip install -e '.[test]'")
    return loader


def test_missing_reader_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"pip install -e '\.\[test\]'"):
        unavailable("sarif-tools is not installed", "pip install -e '.[test]'")


def test_independent_reader_sarif_tools(run, tmp_path):
    """Microsoft's sarif-tools reads back the rules, levels, locations and counts we wrote."""
    loader = _sarif_tools_loader()
    log = render(run)
    path = tmp_path / "kdlint.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    sarif_file = loader.load_sarif_file(str(path))
    assert sarif_file.get_distinct_tool_names() == ["kdlint"]
    assert sarif_file.get_result_count() == len(log["runs"][0]["results"]) == 3
    records = sarif_file.get_records()
    assert sorted((r["Code"], r["Severity"], r["Location"], r["Line"]) for r in records) == [
        ("KD101", "warning", "src%20dir/drv%20%C3%A9.c", 5),
        ("KD401", "error", (tmp_path / "elsewhere" / "o.c").as_uri(), 1),
        ("KD401", "note", "b.c", 2)]
    (sarif_run,) = sarif_file.runs
    assert [r["id"] for r in sarif_run.get_rules_by_id("KD401")] == ["KD401"]
    # The reader honours the rule's default level when a result has none: KD101's default is
    # error, so only the explicit level: "warning" we write makes it read as a warning.
    for r in log["runs"][0]["results"]:
        r.pop("level")
    path.write_text(json.dumps(log), encoding="utf-8")
    levels = {r["Code"]: r["Severity"] for r in loader.load_sarif_file(str(path)).get_records()}
    assert levels == {"KD101": "error", "KD401": "warning"}


def test_independent_reader_sarif_tools_reads_suppressed_and_capped_logs(run, tmp_path,
                                                                         monkeypatch):
    loader = _sarif_tools_loader()
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    path = tmp_path / "kdlint.sarif"
    path.write_text(sarif.render(run, rules=RULES, include_suppressed=True), encoding="utf-8")
    records = loader.load_sarif_file(str(path)).get_records()
    assert sorted((r["Code"], r["Severity"]) for r in records) == [
        ("KD101", "warning"), ("KD401", "error")]


# -- GitHub's limits -----------------------------------------------------------------------
def _diag(path, line, level="warning", rule_id="KD401", **kwargs):
    return Diagnostic(rule_id, level, f"finding on line {line}", Span(path, line, 1, line, 2),
                      **kwargs)


def test_results_capped_at_github_limit_keeping_the_gravest(tmp_path):
    """25,010 results: only 25,000 are written, the errors and warnings among them, and a
    notification counts the 10 notes left out (the last ones in path/line order)."""
    path = str(tmp_path / "a.c")
    n = sarif.MAX_RESULTS
    assert n == 25_000
    diags = [_diag(path, i, "note") for i in range(1, n + 1)]
    diags += [_diag(path, n + i, "error") for i in range(1, 8)]
    diags += [_diag(path, n + 7 + i, "warning") for i in range(1, 4)]
    run = RunResult(str(tmp_path), [FileResult(path, diags)])
    log = json.loads(sarif.render(run, rules=RULES, fingerprints=False))
    results = log["runs"][0]["results"]
    assert len(results) == n
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
    assert lines == sorted(lines)  # the usual order
    assert sum(r["level"] == "error" for r in results) == 7
    assert sum(r["level"] == "warning" for r in results) == 3
    assert lines[n - 11] == n - 10 and lines[n - 10] == n + 1  # notes n-9..n left out
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"].startswith("10 result(s) left out (10 note): GitHub accepts "
                                              "at most 25000 results per run")
    assert note["properties"] == {"resultsLeftOut": 10}
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_result_cap_order(tmp_path, monkeypatch):
    """Unsuppressed before suppressed, then level, then security-severity, then the usual order."""
    monkeypatch.setattr(sarif, "MAX_RESULTS", 4)
    path = str(tmp_path / "a.c")
    diags = [
        _diag(path, 1, "error", suppressed="why"),
        _diag(path, 2, "warning", rule_id="KD101"),  # no security-severity
        _diag(path, 3, "note"),
        _diag(path, 4, "warning"),  # KD401: security-severity 8.1
        _diag(path, 5, "error", rule_id="KD101"),
        _diag(path, 6, "warning"),
        _diag(path, 7, "warning"),
    ]
    run = RunResult(str(tmp_path), [FileResult(path, diags)])
    log = json.loads(sarif.render(run, rules=RULES, include_suppressed=True, fingerprints=False))
    kept = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in log["runs"][0]["results"]]
    assert kept == [4, 5, 6, 7]
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("3 result(s) left out (1 error, 1 warning, 1 note)")
    assert schema_errors(log) == []
    assert json.loads(sarif.render(run, rules=RULES, include_suppressed=True,
                                   fingerprints=False)) == log  # deterministic


def _only_result(tmp_path, diagnostic):
    run = RunResult(str(tmp_path), [FileResult(diagnostic.span.path, [diagnostic])])
    (result,) = json.loads(sarif.render(run, rules=RULES, fingerprints=False))["runs"][0]["results"]
    return result


def test_thread_flow_capped_at_github_limit(tmp_path):
    path = str(tmp_path / "a.c")
    n = sarif.MAX_THREAD_FLOW_LOCATIONS
    assert n == 10_000
    steps = [Step(Span(path, i, 1, i, 2), f"step {i}") for i in range(1, n + 6)]
    locations = _only_result(tmp_path, _diag(path, 1, code_flow=steps))[
        "codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(locations) == n
    assert locations[-2]["location"]["message"]["text"] == f"step {n - 1}"
    last = locations[-1]["location"]
    assert last["message"]["text"] == (f"5 step(s) left out (GitHub accepts at most {n} per "
                                       f"result); last step: step {n + 5}")
    assert last["physicalLocation"]["region"]["startLine"] == n + 5
    # At the limit exactly, nothing changes.
    steps = steps[:n]
    locations = _only_result(tmp_path, _diag(path, 1, code_flow=steps))[
        "codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["message"]["text"] for s in locations] == [s.message for s in steps]


def test_related_locations_capped_at_github_limit(tmp_path):
    path = str(tmp_path / "a.c")
    n = sarif.MAX_LOCATIONS
    assert n == 1_000
    related = [Step(Span(path, i, 1, i, 2), f"here {i}") for i in range(1, n + 4)]
    result = _only_result(tmp_path, _diag(path, 1, related=related))
    assert len(result["locations"]) == 1
    assert [r["id"] for r in result["relatedLocations"]] == list(range(1, n + 1))
    links = [int(m) for m in re.findall(r"\]\((\d+)\)", result["message"]["text"])]
    assert links == list(range(1, n + 1))  # every link resolves to a kept related location
    assert result["message"]["text"].endswith(
        f"and 3 more related location(s) left out (GitHub accepts at most {n} per result))")


def test_tags_capped_at_github_limit():
    class ManyTags(RULES[0]):
        __doc__ = RULES[0].__doc__
        id, name = "KD104", "many-tags-rule"
        tags = tuple(f"tag-{i}" for i in range(30))

    tags = sarif.to_data(sarif.rule_descriptor(ManyTags))["properties"]["tags"]
    assert len(tags) == sarif.MAX_TAGS == 20
    assert tags[0] == "event"  # the family tag comes first


def test_help_uri_is_the_github_anchor_of_the_rule_heading():
    assert sarif.github_anchor("KD101 event-init-bad-arguments") == "kd101-event-init-bad-arguments"
    assert sarif.github_anchor("What it does?") == "what-it-does"
    assert sarif.help_uri(RULES[1]).endswith("/docs/rules.md#kd401-user-pointer-not-probed")
