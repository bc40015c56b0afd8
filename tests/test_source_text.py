"""kdlint.source.file_text: the models' one reader of source text (main file and headers)."""
from __future__ import annotations

import os

from kdlint.source import SourceFile, as_utf8, file_text, remember


def test_bytes_one_character_each_so_clang_offsets_index_it(tmp_path):
    h = tmp_path / "a.h"
    h.write_bytes("/* é */ int x;\n".encode("utf-8"))
    text = file_text(str(h))
    assert len(text) == len(h.read_bytes())
    assert text[text.index("int"):] == "int x;\n"
    assert as_utf8(text) == "/* é */ int x;\n"


def test_unreadable_is_none(tmp_path):
    assert file_text(str(tmp_path / "missing.h")) is None


def test_a_changed_file_is_read_again(tmp_path):
    c = tmp_path / "t.c"
    c.write_text("int a;\n")
    assert file_text(str(c)) == "int a;\n"
    c.write_text("int bb;\n")
    st = os.stat(c)
    os.utime(c, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert file_text(str(c)) == "int bb;\n"


def test_remembered_source_is_served_from_memory(tmp_path, monkeypatch):
    c = tmp_path / "m.c"
    c.write_text("void f(void) {}\n")
    remember(SourceFile.read(c))
    monkeypatch.setattr("builtins.open", None)  # any read from disk would fail
    assert file_text(str(c)) == "void f(void) {}\n"
