"""docs/rules.md is the output of `kdlint rules --format markdown`, and every rule's SARIF
helpUri lands on its heading there."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from click.testing import CliRunner

from kdlint import INFORMATION_URI, registry
from kdlint.cli import main
from kdlint.report import sarif

REPO = Path(__file__).resolve().parent.parent
RULES_MD = REPO / "docs" / "rules.md"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def github_slug(text: str) -> str:
    """GitHub's heading anchor (github-slugger), written independently of kdlint's: lower-case,
    drop every character that is not a letter, mark, digit, connector, '-' or space, then each
    space becomes '-'."""
    kept = "".join(c for c in text.lower()
                   if c in "- " or unicodedata.category(c)[0] in "LMN"
                   or unicodedata.category(c) == "Pc")
    return kept.replace(" ", "-")


def anchors(markdown: str) -> list[str]:
    """Every heading anchor GitHub makes for ``markdown`` (fenced code skipped; duplicates get
    ``-1``, ``-2``, ... as on GitHub)."""
    seen: dict[str, int] = {}
    out = []
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if not m:
            continue
        slug = github_slug(m.group(2))
        if slug in seen:
            seen[slug] += 1
            slug = f"{slug}-{seen[slug]}"
        else:
            seen[slug] = 0
        out.append(slug)
    return out


def generated() -> str:
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    return result.output


def test_rules_md_is_the_generated_page():
    assert RULES_MD.read_text(encoding="utf-8") == generated(), (
        "docs/rules.md is out of date: run `kdlint rules --format markdown > docs/rules.md`")


def test_every_help_uri_lands_on_its_rule_heading():
    page = RULES_MD.read_text(encoding="utf-8")
    page_anchors = anchors(page)
    rules = registry.all_rules()
    assert rules
    for rule in rules:
        uri = sarif.to_data(sarif.rule_descriptor(rule))["helpUri"]
        parts = urlsplit(uri)
        assert uri.startswith(INFORMATION_URI + "/blob/main/docs/rules.md#"), uri
        assert parts.fragment in page_anchors, (rule.id, parts.fragment)
        # ... and it is that rule's own heading, not a look-alike.
        assert f"\n## {rule.id} {rule.name}\n" in page
        assert parts.fragment == github_slug(f"{rule.id} {rule.name}")


def test_one_second_level_heading_per_rule_and_docstring_headings_moved_down():
    page = generated()
    second = [line for line in page.splitlines() if line.startswith("## ")]
    assert second == [f"## {r.id} {r.name}" for r in registry.all_rules()]
    for rule in registry.all_rules():
        for section in rule.sections():
            assert f"\n### {section}\n" in page


def test_page_holds_every_docstring():
    page = generated()
    for rule in registry.all_rules():
        body = re.sub(r"^## ", "### ", rule.doc(), flags=re.M)
        assert body in page, rule.id


def test_slug_and_anchor_rules():
    assert github_slug("KD101 event-init-bad-arguments") == "kd101-event-init-bad-arguments"
    assert github_slug("Why is this bad?") == "why-is-this-bad"
    assert anchors("# A\n## A\n```\n# not a heading\n```\n### A\n") == ["a", "a-1", "a-2"]


def test_rules_text_format_unchanged():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [r.id for r in registry.all_rules()]
