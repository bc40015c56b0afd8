"""Discovers the rules in :mod:`kdlint.rules` and selects them by id, name or id prefix.

Selection needs only ids and names, so it works as well on rule cards
(:class:`~kdlint.rule.RuleCard`, what the result cache keeps) as on the rule classes.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Iterable, Optional, Sequence, TypeVar

from kdlint.rule import Rule

R = TypeVar("R")


class SelectionError(ValueError):
    """A --select/--ignore entry that matches no rule."""


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by id. Raises if two rules share an id or a name."""
    import kdlint.rules as package

    found: dict[str, type[Rule]] = {}
    names: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.id:
                if obj.__module__ != module.__name__:
                    continue
                if obj.id in found and found[obj.id] is not obj:
                    raise RuntimeError(f"duplicate rule id {obj.id}")
                if obj.name in names and names[obj.name] != obj.id:
                    raise RuntimeError(f"duplicate rule name {obj.name}")
                found[obj.id] = obj
                names[obj.name] = obj.id
    return tuple(found[k] for k in sorted(found))


def find(key: str) -> type[Rule] | None:
    """The rule whose id or name is ``key`` (case-insensitive for ids)."""
    for rule in all_rules():
        if rule.id == key.upper() or rule.name == key:
            return rule
    return None


def _matches(rule, entry: str) -> bool:
    entry = entry.strip()
    if entry.upper() == "ALL":
        return True
    return rule.id.startswith(entry.upper()) or rule.name == entry


def select(select: Iterable[str] = (), ignore: Iterable[str] = (),
           extend_select: Iterable[str] = (), rules: Optional[Sequence[R]] = None) -> list[R]:
    """Rules chosen by id prefixes or names (ruff-style); an empty ``select`` means all.
    ``rules``: the rules (classes or cards) to choose from; default :func:`all_rules`."""
    rules = all_rules() if rules is None else rules
    select, ignore, extend_select = list(select), list(ignore), list(extend_select)
    for entry in select + ignore + extend_select:
        if not any(_matches(r, entry) for r in rules):
            raise SelectionError(f"no rule matches {entry!r} (see `kdlint rules`)")
    chosen = [r for r in rules
              if (not select or any(_matches(r, e) for e in select)
                  or any(_matches(r, e) for e in extend_select))
              and not any(_matches(r, e) for e in ignore)]
    return sorted(chosen, key=lambda r: r.id)
