"""Rule docs are tested like code: each docstring's Example fires, its 'Use instead' does not."""
import re

import pytest

from kdlint import registry
from kdlint.config import Settings
from kdlint.engine import check_file

_BLOCK = re.compile(r"```c\n(.*?)```", re.S)
RULES = registry.all_rules()


def _blocks(text: str) -> list[str]:
    return _BLOCK.findall(text)


def _run(rule, body: str, tmp_path) -> list:
    src = tmp_path / f"{rule.id}_doc.c"
    if "DriverEntry" in body or re.search(r"^\w[\w\s\*]*\([^;]*\)\s*\{", body, re.M):
        src.write_text("#include <ntifs.h>\n" + body + "\n")
    else:
        src.write_text("#include <ntifs.h>\nVOID KdlintDocExample(PDEVICE_OBJECT DeviceObject, PIRP Irp)\n{\n"
                       + body + "\n}\n")
    result = check_file(src, Settings(headers="model"), [rule])
    assert result.health.errors == 0, result.health.first_errors
    return [d for d in result.diagnostics if d.rule_id == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_example_fires_and_use_instead_does_not(rule, tmp_path):
    sections = rule.sections()
    example = sections["Example"]
    bad, _, good = example.partition("Use instead:")
    bad_blocks, good_blocks = _blocks(bad), _blocks(good)
    assert bad_blocks, f"{rule.id}: the Example section has no ```c block"
    for block in bad_blocks:
        assert _run(rule, block, tmp_path), f"{rule.id}: Example does not fire:\n{block}"
    for block in good_blocks:
        assert not _run(rule, block, tmp_path), f"{rule.id}: 'Use instead' fires:\n{block}"
