"""Fuzz: fixture drivers mutated (lines deleted, duplicated, swapped; random bytes inserted;
truncated) never make an exception escape check_file or the CLI. Bounded so CI stays fast."""
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from kdlint.cli import main
from kdlint.config import Settings
from kdlint.engine import check_file
from kdlint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.c"))
SOURCES = {p.name: p.read_bytes() for p in FIXTURES}

_op = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(st.just("insert"), st.integers(0, 1_000_000), st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("truncate"), st.integers(0, 1_000_000)),
)
mutations = st.tuples(st.sampled_from(sorted(SOURCES)), st.lists(_op, min_size=1, max_size=6))


def mutate(data: bytes, ops) -> bytes:
    for op in ops:
        lines = data.split(b"\n")
        kind = op[0]
        if kind == "delete" and lines:
            del lines[op[1] % len(lines)]
        elif kind == "duplicate" and lines:
            i = op[1] % len(lines)
            lines.insert(i, lines[i])
        elif kind == "swap" and lines:
            i, j = op[1] % len(lines), op[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            at = op[1] % (len(data) + 1)
            data = data[:at] + op[2] + data[at:]
            continue
        elif kind == "truncate":
            data = data[: op[1] % (len(data) + 1)]
            continue
        data = b"\n".join(lines)
    return data


RULES = list(all_rules())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_check_file_never_raises(case):
    name, ops = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(mutate(SOURCES[name], ops))
        result = check_file(path, Settings(headers="model"), RULES)
    assert result.health is not None
    assert not [n for n in result.notices if "internal error" in n.message], result.notices


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_cli_never_raises(case):
    name, ops = case
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(mutate(SOURCES[name], ops))
        (Path(d) / "good.c").write_bytes(SOURCES[name])
        result = CliRunner().invoke(main, ["check", "--no-progress", "-j", "1", "--format",
                                           "sarif", "--headers", "model", d])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
