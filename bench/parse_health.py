#!/usr/bin/env python3
"""Parse health of kdlint's tolerant parser over real driver corpora.

Usage::

    python bench/parse_health.py [--headers model|mingw|auto] [--no-repair] [--rounds N]
                                 [--top 15] [--json OUT] [DIR ...]

Each DIR is one corpus (every ``*.c`` below it is parsed). Without DIRs, every directory in
``../corpora`` relative to the repository (``/work/corpora`` in the development set-up) is one
corpus. Prints per corpus: files, files with errors, function definitions, definitions with an
error (%), definitions dropped, parse time, and the most common remaining clang errors
(identifiers in messages are kept, so each line names the missing thing).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kdlint.config import Settings  # noqa: E402
from kdlint.parse import parse  # noqa: E402


def corpus_files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out += [Path(dirpath) / f for f in sorted(filenames) if f.lower().endswith(".c")]
    return out


def run(root: Path, settings: Settings, tolerant: bool, rounds: int, top: int) -> dict:
    files = corpus_files(root)
    totals = Counter()
    messages: Counter = Counter()
    times = []
    repaired: Counter = Counter()
    for f in files:
        t0 = time.perf_counter()
        try:
            parsed = parse(f, settings, tolerant=tolerant, max_rounds=rounds)
        except Exception as exc:  # a file the tool cannot read at all
            totals["failed"] += 1
            messages[f"(failed) {type(exc).__name__}: {exc}"] += 1
            continue
        times.append(time.perf_counter() - t0)
        h = parsed.health
        totals["files"] += 1
        totals["files_with_errors"] += int(h.errors > 0)
        totals["errors"] += h.errors
        totals["functions"] += h.functions
        totals["functions_with_errors"] += h.functions_with_errors
        totals["dropped"] += h.functions_dropped
        totals["parses"] += parsed.stats.rounds
        totals["repaired_names"] += len(parsed.stats.repaired)
        totals["files_repaired"] += int(bool(parsed.stats.repaired))
        repaired.update(parsed.stats.repaired)
        for e in parsed.errors:
            messages[e.message] += 1
        del parsed
    fn = totals["functions"] or 1
    nfiles = totals["files"] or 1
    return {
        "corpus": str(root),
        "files": totals["files"],
        "failed": totals["failed"],
        "files_clean_pct": round(100.0 * (totals["files"] - totals["files_with_errors"]) / nfiles, 1),
        "files_with_errors": totals["files_with_errors"],
        "errors": totals["errors"],
        "functions": totals["functions"],
        "functions_with_errors": totals["functions_with_errors"],
        "functions_with_errors_pct": round(100.0 * totals["functions_with_errors"] / fn, 1),
        "dropped": totals["dropped"],
        "parses": totals["parses"],
        "files_repaired": totals["files_repaired"],
        "repaired_names": totals["repaired_names"],
        "seconds_total": round(sum(times), 2),
        "ms_median": round(1000 * statistics.median(times), 1) if times else 0.0,
        "top_errors": messages.most_common(top),
        "top_repaired": repaired.most_common(top),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--headers", default="model", choices=["auto", "model", "mingw", "wdk"])
    ap.add_argument("--no-repair", action="store_true",
                    help="parse once, without case folding, stubs or repair")
    ap.add_argument("--rounds", type=int, default=3, help="repair re-parses per file, at most")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON")
    args = ap.parse_args(argv)
    dirs = args.dirs
    if not dirs:
        base = REPO.parent / "corpora"
        dirs = sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
        if not dirs:
            print(f"no corpora given and none in {base}", file=sys.stderr)
            return 2
    settings = Settings(headers=args.headers)
    results = []
    for d in dirs:
        r = run(d, settings, not args.no_repair, args.rounds, args.top)
        results.append(r)
        print(f"== {d.name}  [{args.headers}{', no repair' if args.no_repair else ''}]")
        print(f"   files {r['files']}  clean {r['files_clean_pct']}%  with errors "
              f"{r['files_with_errors']}  (errors {r['errors']}, failed {r['failed']})")
        print(f"   functions {r['functions']}  with errors {r['functions_with_errors']} "
              f"({r['functions_with_errors_pct']}%)  dropped {r['dropped']}")
        print(f"   parses {r['parses']}  repaired names {r['repaired_names']} in "
              f"{r['files_repaired']} files  time {r['seconds_total']} s "
              f"(median {r['ms_median']} ms/file)")
        print("   top errors:")
        for msg, n in r["top_errors"]:
            print(f"     {n:6d}  {msg}")
        if r["top_repaired"]:
            print("   most repaired: " + ", ".join(f"{n} ({c})" for n, c in r["top_repaired"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
