"""Settings for one run, and the configuration files that decide them.

Configuration lives in ``[tool.kdlint]`` of a ``pyproject.toml`` or at the top level of a
``kdlint.toml``. As in ruff, the **nearest** configuration file to each analysed file applies
(``kdlint.toml`` wins over ``pyproject.toml`` in the same directory; a ``pyproject.toml`` without
a ``[tool.kdlint]`` table is passed over), and command-line options override it:

* ``--select`` replaces the file's ``select``, ``extend-select`` and ``ignore``;
  ``--ignore`` and ``--extend-select`` add to them; ``per-file-ignores`` always apply.
* ``-I`` and ``-D`` are appended to the file's ``include-dirs`` and ``defines``.
* ``-p``, ``--wdk-root``, ``--headers`` and ``--fail-level`` replace the file's value.

Paths inside a configuration file (``include-dirs``, ``compile-db``, ``wdk-root``, and the globs
of ``exclude`` and ``per-file-ignores``) are relative to the directory holding that file.

A configuration that cannot be used (bad TOML, an unknown key, a wrong type, a rule id that
matches no rule) raises :class:`ConfigError` with a one-line message; the CLI exits 2.

Only plain data and file lookup live here; :mod:`kdlint.headers` turns :class:`Settings` into clang
arguments.
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

HEADER_CHOICES = ("auto", "model", "mingw", "wdk")
LEVELS = ("note", "warning", "error")
CONFIG_NAMES = ("kdlint.toml", "pyproject.toml")  # same directory: first one wins


@dataclass
class Settings:
    """Everything that decides what a run analyses and how."""

    select: list[str] = field(default_factory=list)  # id prefixes or names; empty = all
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    include_dirs: list[Path] = field(default_factory=list)  # -I
    defines: list[str] = field(default_factory=list)  # -D NAME[=VALUE]
    headers: str = "auto"  # one of HEADER_CHOICES
    compile_db: Optional[Path] = None  # -p DIR (a directory holding compile_commands.json)
    wdk_root: Optional[Path] = None  # --wdk-root
    extra_clang_args: list[str] = field(default_factory=list)
    fail_level: str = "note"  # findings at or above this level make exit code 1
    jobs: Optional[int] = None  # worker processes (None: one per CPU)
    timeout: Optional[float] = None  # seconds per file (None: kdlint.workers.DEFAULT_TIMEOUT)
    cache_dir: Optional[Path] = None  # result cache directory (None: .kdlint_cache in the root)
    # Fixture tests: clang errors fail the fixture instead of becoming notices only.
    strict_parse: bool = False
    # The configuration file these settings came from (None: command line only).
    config_path: Optional[Path] = None


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the message is one line."""


# --------------------------------------------------------------------------- file format

def _str_list(where: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings, "
                          f"got {_describe(value)}")
    return list(value)


def _str(where: str, key: str, value: Any, choices: tuple[str, ...] = ()) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: '{key}' must be a string, got {_describe(value)}")
    if choices and value not in choices:
        raise ConfigError(f"{where}: '{key}' must be one of {', '.join(choices)}, "
                          f"got {value!r}")
    return value


def _describe(value: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean",
             list: "an array", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _check_rule_entries(entries: list, rules=None) -> None:
    """Raise ConfigError for an entry of ``entries`` ((where, key, ids) triples) that matches
    none of ``rules`` (classes or cards; default: every rule class)."""
    from kdlint.registry import all_rules, _matches

    rules = all_rules() if rules is None else rules
    for where, key, ids in entries:
        for entry in ids:
            if not any(_matches(r, entry) for r in rules):
                raise ConfigError(
                    f"{where}: '{key}': no rule matches {entry!r} (see `kdlint rules`)")


@dataclass
class FileConfig:
    """One configuration file's ``[tool.kdlint]`` (or ``kdlint.toml``) table, validated."""

    path: Path  # absolute path of the file
    select: Optional[list[str]] = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include_dirs: list[Path] = field(default_factory=list)  # absolute
    defines: list[str] = field(default_factory=list)
    compile_db: Optional[Path] = None  # absolute
    wdk_root: Optional[Path] = None  # absolute
    headers: Optional[str] = None
    fail_level: Optional[str] = None
    exclude: list[str] = field(default_factory=list)
    jobs: Optional[int] = None
    timeout: Optional[float] = None
    cache_dir: Optional[Path] = None  # absolute
    #: (where, key, ids) of every rule list in the file, checked against the rules by
    #: load_config, or by the Resolver once it knows them (see Resolver.use_rules)
    rule_entries: list = field(default_factory=list, repr=False, compare=False)

    @property
    def root(self) -> Path:
        return self.path.parent


#: The keys a configuration table may hold, with a one-line meaning (``kdlint check --help``
#: and docs/integration.md list the same).
KEYS = {
    "select": "rule ids, names or id prefixes to run (default: all)",
    "ignore": "rule ids, names or id prefixes to skip",
    "extend-select": "rules to add to the selection",
    "per-file-ignores": "table: glob -> rule ids to skip in the files it matches",
    "include-dirs": "include directories (relative to the configuration file)",
    "defines": "macros, NAME or NAME=VALUE",
    "compile-db": "directory holding compile_commands.json (or the file itself)",
    "wdk-root": "root of a Windows Kit",
    "headers": "header set: " + ", ".join(HEADER_CHOICES),
    "fail-level": "lowest finding level that makes the exit code 1: " + ", ".join(LEVELS),
    "exclude": "globs of files and directories not to analyse, even when named explicitly",
    "jobs": "worker processes (default: the number of CPUs); run-wide, read from the "
            "configuration of the current directory",
    "timeout": "seconds one file may take before it is given up (default: 60); run-wide",
    "cache-dir": "result cache directory (default: .kdlint_cache beside the configuration "
                 "file); run-wide",
}


def parse_table(table: dict, path: Path, where: str) -> FileConfig:
    """Validate one configuration table read from ``path``."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    root = path.parent
    cfg = FileConfig(path)
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), list(KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
        if key in ("select", "ignore", "extend-select"):
            ids = _str_list(where, key, value)
            cfg.rule_entries.append((where, key, ids))
            setattr(cfg, key.replace("-", "_"), ids)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of "
                                  f"glob = [rule ids], got {_describe(value)}")
            for glob, ids in value.items():
                ids = _str_list(where, f"per-file-ignores.{glob}", ids)
                cfg.rule_entries.append((where, f"per-file-ignores.{glob}", ids))
                cfg.per_file_ignores[glob] = ids
        elif key == "include-dirs":
            cfg.include_dirs = [(root / p).resolve() for p in _str_list(where, key, value)]
        elif key == "defines":
            cfg.defines = _str_list(where, key, value)
        elif key == "exclude":
            cfg.exclude = _str_list(where, key, value)
        elif key == "compile-db":
            p = (root / _str(where, key, value)).resolve()
            cfg.compile_db = p.parent if p.name == "compile_commands.json" else p
        elif key == "wdk-root":
            cfg.wdk_root = (root / _str(where, key, value)).resolve()
        elif key == "headers":
            cfg.headers = _str(where, key, value, HEADER_CHOICES)
        elif key == "fail-level":
            cfg.fail_level = _str(where, key, value, LEVELS)
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{where}: 'jobs' must be a positive integer, "
                                  f"got {_describe(value)}")
            cfg.jobs = value
        elif key == "timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(f"{where}: 'timeout' must be a positive number of seconds, "
                                  f"got {_describe(value)}")
            cfg.timeout = float(value)
        elif key == "cache-dir":
            cfg.cache_dir = (root / _str(where, key, value)).resolve()
    return cfg


def load_config(path: Path) -> Optional[FileConfig]:
    """Read one configuration file, its rule entries checked against every rule class; None
    for a ``pyproject.toml`` without ``[tool.kdlint]``."""
    cfg = _load_config(path)
    if cfg is not None:
        _check_rule_entries(cfg.rule_entries)
    return cfg


def _load_config(path: Path) -> Optional[FileConfig]:
    path = Path(path).resolve()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "kdlint" not in tool:
            return None
        return parse_table(tool["kdlint"], path, f"{path}: [tool.kdlint]")
    return parse_table(data, path, str(path))


# --------------------------------------------------------------------------- globs

def _rel_parts(path: Path, root: Path) -> Optional[str]:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return None


def glob_matches(pattern: str, path: Path, root: Path) -> bool:
    """Whether ``pattern`` (relative to ``root``) names ``path`` or one of its directories.

    ``*`` crosses ``/`` (fnmatch); a leading ``**/`` also matches at the root; a pattern
    without ``/`` also matches any single path component (``third_party``, ``*_gen.c``).
    """
    rel = _rel_parts(path, root)
    if rel is None or rel.startswith("../"):
        return False
    pattern = pattern.replace("\\", "/").rstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    candidates = [pattern]
    if pattern.startswith("**/"):
        candidates.append(pattern[3:])
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pat in candidates:
        if any(fnmatch.fnmatchcase(p, pat) for p in prefixes):
            return True
        if "/" not in pat and any(fnmatch.fnmatchcase(part, pat) for part in parts):
            return True
    return False


# --------------------------------------------------------------------------- resolution

@dataclass
class Overrides:
    """What the command line said; None (or empty) means "not given"."""

    select: Optional[list[str]] = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    include_dirs: list[Path] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    headers: Optional[str] = None
    compile_db: Optional[Path] = None
    wdk_root: Optional[Path] = None
    fail_level: Optional[str] = None
    config: Optional[Path] = None  # --config FILE: use it for every file, no discovery
    isolated: bool = False  # --isolated: no configuration files at all
    jobs: Optional[int] = None
    timeout: Optional[float] = None
    cache_dir: Optional[Path] = None


class Resolver:
    """Finds the configuration for each file and merges it with the command line.

    Rule entries (``select`` and the like, from the command line and every configuration
    file) are checked against every rule class as they are read; with ``defer_rule_checks``
    they wait until :meth:`use_rules` gives the rules to check them against (the result
    cache's rule cards, which cost no import: the cache's directory comes from the
    configuration itself), and files read after that are checked against those rules."""

    def __init__(self, overrides: Optional[Overrides] = None, defer_rule_checks: bool = False):
        self.overrides = overrides or Overrides()
        self._dirs: dict[Path, Optional[FileConfig]] = {}
        self._files: dict[Path, Optional[FileConfig]] = {}
        self._fixed: Optional[FileConfig] = None
        self._deferred = defer_rule_checks
        self._rules = None  # what use_rules gave
        self._unchecked: list = []  # (where, key, ids) waiting for use_rules
        o = self.overrides
        if o.select is not None or o.ignore or o.extend_select:
            self._check([("command line", "--select/--ignore/--extend-select",
                          list(o.select or []) + list(o.ignore) + list(o.extend_select))])
        if o.config is not None and not o.isolated:
            cfg = _load_config(o.config)
            if cfg is None:
                raise ConfigError(f"{o.config}: no [tool.kdlint] table")
            self._check(cfg.rule_entries)
            self._fixed = cfg

    def _check(self, entries: list) -> None:
        if self._deferred and self._rules is None:
            self._unchecked.extend(entries)
        else:
            _check_rule_entries(entries, self._rules)

    def use_rules(self, rules) -> None:
        """Check the rule entries read so far, and those read from now on, against
        ``rules`` (classes or cards); raises ConfigError."""
        self._rules = rules
        unchecked, self._unchecked = self._unchecked, []
        _check_rule_entries(unchecked, rules)

    def _load(self, path: Path) -> Optional[FileConfig]:
        if path not in self._files:
            cfg = _load_config(path)
            if cfg is not None:
                self._check(cfg.rule_entries)
            self._files[path] = cfg
        return self._files[path]

    def config_for(self, path: Path) -> Optional[FileConfig]:
        """The nearest configuration to ``path`` (a file or a directory)."""
        if self.overrides.isolated:
            return None
        if self._fixed is not None:
            return self._fixed
        path = Path(path).absolute()
        start = path if path.is_dir() else path.parent
        walked = []
        found: Optional[FileConfig] = None
        d = start
        while True:
            if d in self._dirs:
                found = self._dirs[d]
                break
            walked.append(d)
            hit = None
            for name in CONFIG_NAMES:
                candidate = d / name
                if candidate.is_file():
                    hit = self._load(candidate)
                    if hit is not None:
                        break
            if hit is not None:
                found = hit
                break
            if d.parent == d:
                break
            d = d.parent
        for w in walked:
            self._dirs[w] = found
        return found

    def settings_for(self, path: Path) -> Settings:
        """Settings for one file (or, for a directory, for files directly in it)."""
        cfg = self.config_for(path)
        o = self.overrides
        s = Settings()
        if cfg is not None:
            s.config_path = cfg.path
            s.select = list(cfg.select or [])
            s.ignore = list(cfg.ignore)
            s.extend_select = list(cfg.extend_select)
            s.include_dirs = list(cfg.include_dirs)
            s.defines = list(cfg.defines)
            s.compile_db = cfg.compile_db
            s.wdk_root = cfg.wdk_root
            s.headers = cfg.headers or s.headers
            s.fail_level = cfg.fail_level or s.fail_level
            s.jobs, s.timeout, s.cache_dir = cfg.jobs, cfg.timeout, cfg.cache_dir
        per_file: list[str] = []
        p = Path(path).absolute()
        if cfg is not None and not p.is_dir():
            for glob, ids in cfg.per_file_ignores.items():
                if glob_matches(glob, p, cfg.root):
                    per_file += [i for i in ids if i not in per_file]
        if o.select is not None:
            s.select, s.extend_select, s.ignore = list(o.select), [], []
        s.ignore += [i for i in per_file if i not in s.ignore]
        s.ignore += [i for i in o.ignore if i not in s.ignore]
        s.extend_select += [i for i in o.extend_select if i not in s.extend_select]
        s.include_dirs += [Path(d).absolute() for d in o.include_dirs]
        s.defines += list(o.defines)
        s.headers = o.headers or s.headers
        s.compile_db = o.compile_db or s.compile_db
        s.wdk_root = o.wdk_root or s.wdk_root
        s.fail_level = o.fail_level or s.fail_level
        s.jobs = o.jobs or s.jobs
        s.timeout = o.timeout or s.timeout
        s.cache_dir = Path(o.cache_dir).absolute() if o.cache_dir else s.cache_dir
        return s

    def is_excluded(self, path: Path) -> bool:
        """Whether the nearest configuration's ``exclude`` names ``path``."""
        cfg = self.config_for(path)
        if cfg is None or not cfg.exclude:
            return False
        p = Path(path).absolute()
        return any(glob_matches(g, p, cfg.root) for g in cfg.exclude)


def settings_as_json(s: Settings) -> dict:
    """The resolved settings for ``--show-settings``."""
    out = {}
    for k, v in vars(replace(s)).items():
        if isinstance(v, Path):
            v = str(v)
        elif isinstance(v, list):
            v = [str(x) for x in v]
        out[k.replace("_", "-")] = v
    return out
