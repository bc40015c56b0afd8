"""The result cache: a file whose inputs did not change is not analysed again.

A cache entry holds one file's raw :class:`~kdlint.results.FileResult` (findings with inline
suppressions applied, notices, parse health) and the list of files its parse included with a hash
of each. Baselines, ``--diff-base`` and the unused-suppression notes are applied afterwards, on
every run, hit or miss.

The **key** of an entry is a SHA-256 over:

* kdlint's version and a hash of kdlint's own files (its Python modules, the rules, the model and
  compatibility headers), so that editing a rule invalidates everything; the libclang version;
* the file's resolved path and its bytes;
* the header layer and the complete clang argument list :func:`kdlint.headers.choose` gives the
  file (include directories, defines, compile-database entry);
* the ids of the selected rules.

An entry is a **hit** only when, in addition, every file the parse included (``tu.get_includes()``
of the final parse: project headers, the header layer's headers) still has the recorded hash
("direct mode", as in ccache). In-memory files (stubs for missing headers, repair declarations)
are derived from the above and not recorded; a header that was *missing* and is added later is
not noticed until the including file or the flags change (``--no-cache`` forces a fresh run).

Entries are JSON (never pickle: a cache directory checked into a repository must not be able to
run code), written to a temporary file and moved into place with :func:`os.replace`, so
concurrent runs never see half an entry; an entry that cannot be read or decoded is ignored and
overwritten. The directory is ``.kdlint_cache/`` in the project root (the directory of the
nearest configuration file, else the current directory) unless ``--cache-dir`` or the
``cache-dir`` setting says otherwise; it holds a ``CACHEDIR.TAG`` and a ``.gitignore`` of ``*``.
Deleting it is always safe.

Next to the entries, ``v1/rules-<tool hash>.json`` holds every rule's card (id, name, severity,
docstring: :class:`~kdlint.rule.RuleCard`). Selection and reports need only those, so a run whose
files all hit imports no rule module and no model.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from kdlint import __version__
from kdlint import results as _results

FORMAT = 1
DEFAULT_DIR_NAME = ".kdlint_cache"
_CLASSES = {c.__name__: c for c in (_results.FileResult, _results.Diagnostic, _results.Span,
                                    _results.Step, _results.Fix, _results.Notice,
                                    _results.FileHealth)}
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by kdlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """kdlint's version, libclang's (its bindings' text, and the names, sizes and modification
    times of the wheel's library files: reading them takes well under a millisecond, where
    asking the package metadata for the version took ~35 ms of every run; the bindings are
    located, not imported) and a hash of kdlint's own files."""
    import importlib.util

    import kdlint
    import kdlint.rules

    h = hashlib.sha256(f"kdlint {__version__} format {FORMAT}\n".encode())
    spec = importlib.util.find_spec("clang.cindex")
    if spec is not None and spec.origin:
        bindings = Path(spec.origin)
        h.update(bindings.read_bytes())
        native = bindings.parent / "native"
        for library in sorted(native.iterdir()) if native.is_dir() else ():
            if library.suffix not in (".so", ".dll", ".dylib") or not library.is_file():
                continue
            st = library.stat()
            h.update(f"libclang {library.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    roots = [Path(kdlint.__file__).parent] + [Path(p) for p in kdlint.rules.__path__]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".h") and path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(root)).encode() + b"\0")
                h.update(path.read_bytes())
    return h.hexdigest()


def _encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {"__dc": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = _encode(getattr(obj, f.name))
        return out
    if isinstance(obj, (list, tuple)):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _encode(v) for k, v in obj.items()}
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    raise TypeError(f"cannot cache a {type(obj).__name__}")


def _decode(data: Any) -> Any:
    if isinstance(data, list):
        return [_decode(x) for x in data]
    if isinstance(data, dict):
        name = data.get("__dc")
        if name is None:
            return {k: _decode(v) for k, v in data.items()}
        cls = _CLASSES[name]  # KeyError for anything else: the entry is ignored
        known = {f.name: f for f in dataclasses.fields(cls)}
        kwargs = {k: _decode(v) for k, v in data.items() if k in known and known[k].init}
        obj = cls(**kwargs)
        for k, v in data.items():
            if k in known and not known[k].init:
                object.__setattr__(obj, k, _decode(v))
        return obj
    return data


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    """Per-file results under ``directory`` (see the module docstring)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._hashes: dict[str, Optional[str]] = {}
        self._ready = False
        self.hits = 0
        self.misses = 0
        self._cards: Optional[tuple] = None

    # -- keys ------------------------------------------------------------------------------
    def key(self, path: Path, settings: Any, rule_ids: tuple) -> Optional[str]:
        """The entry key for ``path`` (None: the file cannot be read, do not cache)."""
        from kdlint.headers import choose

        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        try:
            hs = choose(Path(path), settings)
        except Exception:
            return None
        h = hashlib.sha256(tool_fingerprint().encode())
        parts = [str(path), hs.kind, *hs.args, "\0rules", *rule_ids,
                 "\0strict", str(getattr(settings, "strict_parse", False))]
        for p in parts:
            h.update(p.encode("utf-8", "surrogateescape") + b"\0")
        h.update(_sha(data).encode())
        return h.hexdigest()

    def _file_hash(self, path: str) -> Optional[str]:
        if path not in self._hashes:
            try:
                self._hashes[path] = _sha(Path(path).read_bytes())
            except OSError:
                self._hashes[path] = None
        return self._hashes[path]

    def _entry(self, key: str) -> Path:
        return self.directory / f"v{FORMAT}" / key[:2] / f"{key}.json"

    # -- read ------------------------------------------------------------------------------
    def get(self, key: str) -> Optional[_results.FileResult]:
        """The cached result for ``key`` if every included file is unchanged, else None."""
        try:
            with open(self._entry(key), "rb") as fh:
                data = json.loads(fh.read())
            if data.get("format") != FORMAT:
                raise ValueError("format")
            for path, digest in data["includes"]:
                if self._file_hash(path) != digest:
                    self.misses += 1
                    return None
            result = _decode(data["result"])
            if not isinstance(result, _results.FileResult):
                raise ValueError("not a result")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def rule_cards(self) -> tuple:
        """Every rule's :class:`~kdlint.rule.RuleCard`, sorted by id: read from the cache when
        this kdlint wrote them (the file name holds the tool fingerprint), else made from the
        rule classes and written; once per instance (the CLI and the engine both ask)."""
        if self._cards is None:
            self._cards = self._read_or_make_cards()
        return self._cards

    def _read_or_make_cards(self) -> tuple:
        from kdlint.rule import RuleCard

        target = self.directory / f"v{FORMAT}" / f"rules-{tool_fingerprint()[:32]}.json"
        try:
            with open(target, "rb") as fh:
                cards = tuple(RuleCard.from_data(c) for c in json.loads(fh.read()))
            if cards and [c.id for c in cards] == sorted(c.id for c in cards):
                return cards
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        from kdlint.registry import all_rules

        cards = tuple(rule.card() for rule in all_rules())
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, json.dumps([c.to_data() for c in cards]).encode("utf-8"))
        except OSError:
            pass
        return cards

    # -- write -----------------------------------------------------------------------------
    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# created by kdlint\n*\n")):
            p = self.directory / name
            if not p.exists():
                _atomic_write(p, text.encode())
        self._ready = True

    def subdirectory(self, name: str) -> Optional[Path]:
        """``<cache>/name`` for other per-project caches (precompiled headers), created with
        the cache's tag files; None when the cache is not writable."""
        try:
            self._prepare()
            path = self.directory / name
            path.mkdir(exist_ok=True)
            return path
        except OSError:
            return None

    def put(self, key: str, result: _results.FileResult, includes: list[str]) -> bool:
        """Store ``result``; False (and nothing written) when the cache is not writable."""
        try:
            self._prepare()
            recorded = []
            for p in includes:
                digest = self._file_hash(p)
                if digest is None:
                    return False
                recorded.append([p, digest])
            blob = json.dumps({"format": FORMAT, "includes": recorded,
                               "result": _encode(result)}, separators=(",", ":"))
            target = self._entry(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, blob.encode("utf-8"))
            return True
        except (OSError, TypeError, ValueError):
            return False


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=str(target.parent), prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def default_directory(project_root: Path) -> Path:
    """``.kdlint_cache`` in ``project_root``."""
    return Path(project_root) / DEFAULT_DIR_NAME
