"""The Rule base class, severities, and the docstring-as-documentation parser.

A rule is a class with metadata as class attributes and its documentation as its docstring
(STYLE.md §1.3, §1.5). It declares which hooks it needs:

- ``calls``: names of kernel routines (after macro aliases such as ``IofCompleteRequest`` →
  ``IoCompleteRequest`` are folded); ``check_call(call, ctx)`` runs once per call to one of them.
- ``check_function(fn, ctx)``: runs once per function definition, for rules that need facts
  (CFG, lattices, roles) from :mod:`kdlint.flow` and :mod:`kdlint.model`.

Rules never print and never hold cursors past the hook: they call ``ctx.report(...)``.

What selection and reports need to know of a rule, without its code, is its :class:`RuleCard`
(``Rule.card()``): the class attributes and the docstring. A rule class answers the same
questions (its metadata classmethods ask its card), so selection and reporters take either. The
result cache keeps every rule's card (:meth:`kdlint.cache.ResultCache.rule_cards`), so that a run
whose files all come from the cache imports no rule module, and with them no model.
"""
from __future__ import annotations

import enum
import inspect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Optional

if TYPE_CHECKING:  # pragma: no cover
    from kdlint.cursors import Call
    from kdlint.engine import RuleContext
    from kdlint.flow.facts import FunctionFacts


class Severity(str, enum.Enum):
    """SARIF levels, in increasing order of gravity."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"note": 0, "warning": 1, "error": 2}[self.value]


#: id prefix → the family tag every rule of that family carries (RULES.md, "kdlint conventions").
FAMILIES = {
    "KD1": "event",
    "KD2": "thread",
    "KD3": "irp",
    "KD4": "user-memory",
    "KD5": "irql",
    "KD9": "driver",
}

REQUIRED_SECTIONS = ("What it does", "Why is this bad?", "Example")
_SECTION = re.compile(r"^## (.+?)\s*$", re.M)
_ID = re.compile(r"^KD\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class RuleCard:
    """One rule's metadata: its class attributes and its cleaned docstring."""

    id: str
    name: str
    severity: Severity
    precision: str
    tags: tuple[str, ...]
    security_severity: Optional[str]
    docstring: str

    def family(self) -> str:
        return FAMILIES.get(self.id[:3], "driver")

    def all_tags(self) -> list[str]:
        return [self.family(), *self.tags]

    def doc(self) -> str:
        return self.docstring

    def summary(self) -> str:
        """The docstring's first line."""
        return self.docstring.split("\n", 1)[0].strip()

    def sections(self) -> dict[str, str]:
        """The docstring's ``## Heading`` sections, heading → body (stripped)."""
        doc = self.docstring
        found = list(_SECTION.finditer(doc))
        out = {}
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else len(doc)
            out[m.group(1)] = doc[m.end():end].strip()
        return out

    def full_description(self) -> str:
        return self.sections().get("What it does", self.summary())

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "severity": self.severity.value,
                "precision": self.precision, "tags": list(self.tags),
                "securitySeverity": self.security_severity, "docstring": self.docstring}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "RuleCard":
        """The card :meth:`to_data` wrote; ValueError when ``data`` is not one."""
        texts = [data.get(k) for k in ("id", "name", "precision", "docstring")]
        tags, security = data.get("tags"), data.get("securitySeverity")
        if not all(isinstance(t, str) for t in texts) or not isinstance(tags, list) \
                or not all(isinstance(t, str) for t in tags) \
                or not (security is None or isinstance(security, str)):
            raise ValueError("not a rule card")
        return cls(texts[0], texts[1], Severity(data.get("severity")), texts[2], tuple(tags),
                   security, texts[3])


class Rule:
    """Base class of every check. Subclasses set the class attributes and one hook."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    precision: ClassVar[str] = "high"  # SARIF: very-high | high | medium | low
    tags: ClassVar[tuple[str, ...]] = ()  # extra tags: security, correctness, external/cwe/...
    security_severity: ClassVar[Optional[str]] = None  # a string score "0.1".."10.0"
    calls: ClassVar[tuple[str, ...]] = ()  # callee names that trigger check_call
    _card: ClassVar[RuleCard]  # set on each class by card(), never inherited

    def check_call(self, call: "Call", ctx: "RuleContext") -> None:
        """Called for each call to a routine named in ``calls``."""

    def check_function(self, fn: "FunctionFacts", ctx: "RuleContext") -> None:
        """Called for each function definition in the file."""

    # -- metadata derived from the class ------------------------------------------------
    @classmethod
    def card(cls) -> RuleCard:
        """This rule's metadata (made once per class, from the class's own attributes)."""
        card = cls.__dict__.get("_card")
        if card is None:
            card = RuleCard(cls.id, cls.name, Severity(cls.severity), cls.precision,
                            tuple(cls.tags), cls.security_severity,
                            inspect.cleandoc(cls.__doc__ or ""))
            cls._card = card
        return card

    @classmethod
    def family(cls) -> str:
        return cls.card().family()

    @classmethod
    def all_tags(cls) -> list[str]:
        return cls.card().all_tags()

    @classmethod
    def wants_functions(cls) -> bool:
        return cls.check_function is not Rule.check_function

    @classmethod
    def doc(cls) -> str:
        return cls.card().doc()

    @classmethod
    def summary(cls) -> str:
        """The docstring's first line."""
        return cls.card().summary()

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring's ``## Heading`` sections, heading → body (stripped)."""
        return cls.card().sections()

    @classmethod
    def full_description(cls) -> str:
        return cls.card().full_description()

    @classmethod
    def metadata_problems(cls) -> list[str]:
        """What is wrong with this rule's metadata (empty when it is well-formed)."""
        problems = []
        if not _ID.match(cls.id):
            problems.append(f"{cls.__name__}: id {cls.id!r} is not KDnnn")
        if not _NAME.match(cls.name):
            problems.append(f"{cls.__name__}: name {cls.name!r} is not kebab-case")
        if cls.id[:3] not in FAMILIES:
            problems.append(f"{cls.id}: no family for prefix {cls.id[:3]}")
        missing = [s for s in REQUIRED_SECTIONS if s not in cls.sections()]
        if missing:
            problems.append(f"{cls.id}: docstring lacks sections {missing}")
        if not cls.summary():
            problems.append(f"{cls.id}: docstring has no summary line")
        if cls.security_severity is not None and not isinstance(cls.security_severity, str):
            problems.append(f"{cls.id}: security_severity must be a string")
        if not cls.calls and not cls.wants_functions():
            problems.append(f"{cls.id}: declares no hook (calls or check_function)")
        return problems
