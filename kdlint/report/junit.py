"""JUnit XML: one ``testsuite`` named kdlint; per analysed file a passing ``testcase`` when it has
no findings, and one failing ``testcase`` per finding (``classname`` the file, ``name`` the rule
id and position). A file that could not be analysed is an ``error`` testcase. Suppressed findings
are left out. Built with :mod:`xml.etree.ElementTree`, so the XML is always well formed.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from kdlint.report import display_path

# Characters XML 1.0 cannot hold at all, even escaped.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _path(path: str, root: str) -> str:
    return Path(display_path(path, root)).as_posix()


def render(run, *, rules) -> str:
    suite = ET.Element("testsuite", name="kdlint")
    tests = failures = errors = 0
    for fr in sorted(run.files, key=lambda f: f.path):
        path = _clean(_path(fr.path, run.root))
        findings = [d for d in fr.diagnostics if d.suppressed is None]
        failed = fr.health is not None and fr.health.failed is not None
        if failed:
            case = ET.SubElement(suite, "testcase", classname=path, name="analysis", file=path)
            why = "; ".join(n.message for n in fr.notices if n.level == "error") or fr.health.failed
            ET.SubElement(case, "error", message=_clean(why), type="kdlint").text = _clean(why)
            tests += 1
            errors += 1
            continue
        if not findings:
            ET.SubElement(suite, "testcase", classname=path, name="kdlint", file=path)
            tests += 1
        for d in findings:
            s = d.span
            case = ET.SubElement(suite, "testcase", classname=path,
                                 name=f"{d.rule_id} {s.line}:{s.column}", file=path,
                                 line=str(s.line))
            failure = ET.SubElement(case, "failure", message=_clean(d.message), type=d.rule_id)
            failure.text = _clean(f"{path}:{s.line}:{s.column}: {d.level}: {d.message} "
                                  f"[{d.rule_id}]")
            tests += 1
            failures += 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites", name="kdlint", tests=str(tests), failures=str(failures),
                      errors=str(errors))
    root.append(suite)
    ET.indent(root) if hasattr(ET, "indent") else None
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
