"""Tolerant parsing: make libclang's AST as complete as possible without the real headers.

Windows driver sources assume a case-insensitive file system, generated headers (WPP ``.tmh``,
``mc.exe`` output) and the full WDK. Without those, clang drops statements, calls and whole
definitions (PARSING.md §1.4). This module works around that *in memory*, never touching disk:

1. **Include pre-scan** (:class:`IncludeResolver`): the ``#include`` lines of the main file and
   the project headers it reaches are resolved the way MSVC would (includer directory, the
   directories of the files that include it, ``-I``, system dirs), case-insensitively. A name
   that exists only under another case is passed to clang as an unsaved file at the exact path
   clang probes (the main file must be absolute, §1.5). A name found nowhere is stubbed with an
   empty in-memory header in a virtual directory appended last to the search path. A name found
   under an ancestor directory of the includer (``<sys/driver.h>`` from ``src/sys/x.c``, or
   ``<winfsp/x.h>`` under ``../inc``) makes that ancestor an extra ``-idirafter`` directory:
   drivers pass such directories from their project files, which kdlint cannot read.
2. **Stubs after a parse**: each ``'X' file not found`` that the pre-scan missed becomes an empty
   header next to the includer and in the virtual directory; the file is parsed again.
3. **Repair** (:class:`Repair`): ``use of undeclared identifier``, ``unknown type name``,
   ``no member named 'm' in 'struct S'``, ``incomplete definition of type`` and a few type
   mismatches on names repair itself declared are turned into declarations, and the file is
   parsed again (a bounded number of rounds; a round happens only when the previous parse
   reported something new to repair). Where a declaration goes matters, since it must come
   before its first use and may need the real headers' types:

   * a name first needed in file F at line L goes right after the last header F includes before
     L: that header's in-memory copy gets an ``#include`` of a repair header appended (so no line
     of any file moves). Placements are ordered by when their header *ends* during
     preprocessing (post-order of the include tree), and each synthesized struct is defined at
     the earliest placement that needs it;
   * a name needed before any include (or by a macro) goes in an *early* header, force-included
     first, which uses builtin types only;
   * a member missing from a struct a header defines is added to that definition, just before
     its closing brace, in the header's in-memory copy (same line). The main file is never
     edited.

   Unknown types become complete synthesized structs (``struct __kdr_T``) that grow the members
   later found missing; ``P``/``LP`` names become pointers to them, integer-looking names
   (``ULONG``, ``*_FLAGS``, ``*_TYPE``) scalars; ``T F;`` with F a function defined in the file
   becomes a function typedef copied from F's definition. Undeclared values become enum
   constants with made-up distinct values (so ``case`` labels do not collide) unless the code
   assigns to them or accesses members, in which case they become ``extern`` variables.
   SAL-style names and unknown decoration words in front of a type (``INLINE VOID``) become empty
   macros. Names the repair declares are reported, never hidden: see ``ParseStats.repaired``
   and :func:`is_synthesized`.
4. **Coverage** (:func:`scan_definitions`): a cheap lexical scan of top-level ``name(...) {``
   (outside comments, strings, preprocessor lines and inactive ``#if`` branches) finds the
   definitions the AST lost.

Modules, one job each: :mod:`~kdlint.repair.tokens` (lexing without clang, the definition scan,
per-file lexing caches), :mod:`~kdlint.repair.includes` (step 1: include resolution, stubs,
guessed directories), :mod:`~kdlint.repair.declarations` (what repair declares, where, and how
it is spelled; :func:`is_synthesized`) and :mod:`~kdlint.repair.loop` (step 3: :class:`Repair`
learns declarations from one round's clang errors; :mod:`kdlint.parse` runs the rounds). This
package re-exports what the rest of kdlint uses.
"""
from __future__ import annotations

from kdlint.repair.declarations import REPAIR_EARLY, Declarations, Diag, is_synthesized
from kdlint.repair.includes import (ANCESTOR_LEVELS, ANCESTOR_SUBDIRS, MAX_SCANNED, STUB_DIR,
                                    VIRTUAL_DIR, IncludePlan, IncludeResolver)
from kdlint.repair.loop import _NOT_FOUND, Repair
from kdlint.repair.tokens import (Lexed, TextDefinition, Token, scan_definitions, strip_comments,
                                  strip_comments_keep_strings)

__all__ = [
    "ANCESTOR_LEVELS", "ANCESTOR_SUBDIRS", "MAX_SCANNED", "REPAIR_EARLY", "STUB_DIR",
    "VIRTUAL_DIR", "Declarations", "Diag", "IncludePlan", "IncludeResolver", "Lexed", "Repair",
    "TextDefinition", "Token", "_NOT_FOUND", "is_synthesized", "scan_definitions",
    "strip_comments", "strip_comments_keep_strings",
]
