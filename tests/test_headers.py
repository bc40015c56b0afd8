"""Header layers: compile databases, WDK discovery, mingw-w64 detection, forcing a layer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kdlint import headers
from kdlint.config import Settings
from kdlint.headers import (HeadersUnavailable, choose, compile_db_args, find_mingw, find_wdk,
                            wdk_include)
from kdlint.parse import parse

HAVE_MINGW = find_mingw()[0] is not None


@pytest.fixture(autouse=True)
def _no_ambient_kits(monkeypatch):
    for var in ("WDKContentRoot", "MicrosoftKitRoot", "WDKKitVersion", "Version_Number",
                "KDLINT_MINGW_INCLUDE"):
        monkeypatch.delenv(var, raising=False)
    find_mingw.cache_clear()
    yield
    find_mingw.cache_clear()


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


# --- compile databases -------------------------------------------------------------------------


def test_cl_exe_entry_is_parsed_in_cl_driver_mode(tmp_path):
    write(tmp_path, {
        "inc/kdt.h": "#pragma once\ntypedef int KDT_T;\n",
        "src/a.c": "#include <kdt.h>\n#if KDT_VALUE != 7\n#error KDT_VALUE\n#endif\n"
                   "KDT_T f(void) { return KDT_VALUE; }\n",
    })
    entry = {"directory": str(tmp_path / "src"), "file": "a.c",
             "command": "cl.exe /c /nologo /W4 /DKDT_VALUE=7 /I..\\inc /Fo:out\\a.obj /Zi a.c"}
    (tmp_path / "compile_commands.json").write_text(json.dumps([entry]))
    hs = choose(tmp_path / "src" / "a.c", Settings())
    assert hs.kind == "compile-db" and hs.style == "cl"
    assert "--driver-mode=cl" in hs.args and "/DKDT_VALUE=7" in hs.args
    assert f"/I{tmp_path / 'inc'}" in hs.args
    assert not any(a in ("/c", "a.c", "cl.exe") or a.startswith(("/Fo", "/Zi")) for a in hs.args)
    assert "compile database" in hs.reason and str(tmp_path / "compile_commands.json") in hs.reason
    parsed = parse(tmp_path / "src" / "a.c", Settings())
    assert [e for e in parsed.errors if e.path.endswith("a.c")] == []
    assert parsed.header_set.kind == "compile-db"


def test_arguments_form_drops_argv0_separator_and_source(tmp_path):
    entry = {"directory": str(tmp_path), "file": "a.c",
             "arguments": ["C:\\VS\\bin\\clang-cl.exe", "/c", "/DX=1", "-o", "a.o", "--", "a.c"]}
    args, style = compile_db_args(entry, tmp_path / "a.c")
    assert style == "cl" and args == ["--driver-mode=cl", "/DX=1"]


def test_gcc_style_entry_keeps_flags_and_absolutises_paths(tmp_path):
    entry = {"directory": str(tmp_path), "file": "a.c",
             "arguments": ["clang", "-c", "-Iinc", "-isystem", "sys", "-DBAR=2", "-o", "a.o",
                           "-MD", "-MF", "a.d", "a.c"]}
    args, style = compile_db_args(entry, tmp_path / "a.c")
    assert style == "gcc"
    assert args == [f"-I{tmp_path / 'inc'}", "-isystem", str(tmp_path / "sys"), "-DBAR=2"]


def test_compile_db_given_with_p_and_missing_entry_falls_through(tmp_path):
    write(tmp_path, {"db/compile_commands.json": json.dumps([
        {"directory": str(tmp_path), "file": "other.c", "command": "cc -c other.c"}]),
        "a.c": "int x;\n"})
    hs = choose(tmp_path / "a.c", Settings(compile_db=tmp_path / "db"))
    assert hs.kind != "compile-db"
    assert any("has no entry for a.c" in p for p in hs.probed)


def test_compile_db_directory_without_database_is_an_error(tmp_path):
    with pytest.raises(HeadersUnavailable, match="no compile_commands.json"):
        choose(tmp_path / "a.c", Settings(compile_db=tmp_path))


# --- WDK discovery -----------------------------------------------------------------------------


def fake_wdk(root: Path, versions=("10.0.19041.0",), without=("10.0.22621.0",)) -> Path:
    for v in versions:
        for sub in ("km/crt", "shared"):
            (root / "Include" / v / sub).mkdir(parents=True, exist_ok=True)
        (root / "Include" / v / "km" / "ntddk.h").write_text("/* fake */\n")
    for v in without:
        (root / "Include" / v / "um").mkdir(parents=True, exist_ok=True)
    return root


def test_wdk_newest_version_with_km_ntddk_is_chosen(tmp_path):
    root = fake_wdk(tmp_path / "Kits", versions=("10.0.17763.0", "10.0.19041.0"))
    inc, note = wdk_include(root)
    assert inc == root / "Include" / "10.0.19041.0"
    assert "10.0.22621.0" in note and "lack km/ntddk.h" in note


def test_wdk_from_setting_orders_km_crt_km_shared(tmp_path):
    root = fake_wdk(tmp_path / "Kits")
    hs = choose(tmp_path / "a.c", Settings(wdk_root=root))
    assert hs.kind == "wdk"
    inc = root / "Include" / "10.0.19041.0"
    dirs = [hs.args[i + 1] for i, a in enumerate(hs.args) if a == "-isystem"]
    assert dirs[:3] == [str(inc / "km" / "crt"), str(inc / "km"), str(inc / "shared")]
    assert str(headers.SHIM_DIR) in dirs and "WDK headers" in hs.reason


def test_wdk_from_environment(tmp_path, monkeypatch):
    root = fake_wdk(tmp_path / "eWDK")
    monkeypatch.setenv("WDKContentRoot", str(root))
    inc, probed = find_wdk(Settings())
    assert inc == root / "Include" / "10.0.19041.0" and "WDKContentRoot" in probed[0]
    monkeypatch.delenv("WDKContentRoot")
    monkeypatch.setenv("MicrosoftKitRoot", str(tmp_path))
    (tmp_path / "Windows Kits").mkdir()
    fake_wdk(tmp_path / "Windows Kits" / "10")
    inc, probed = find_wdk(Settings())
    assert inc is not None and "MicrosoftKitRoot" in probed[0]


def test_sdk_without_wdk_is_explained(tmp_path):
    root = fake_wdk(tmp_path / "Kits", versions=())
    with pytest.raises(HeadersUnavailable, match="without the matching WDK"):
        choose(tmp_path / "a.c", Settings(wdk_root=root, headers="wdk"))
    with pytest.raises(HeadersUnavailable):
        choose(tmp_path / "a.c", Settings(wdk_root=root))


# --- mingw-w64 and forcing ----------------------------------------------------------------------


def test_mingw_detected_from_environment_variable(tmp_path, monkeypatch):
    write(tmp_path, {"mingw/include/ddk/ntddk.h": "", "mingw/include/ddk/wdm.h": ""})
    monkeypatch.setenv("KDLINT_MINGW_INCLUDE", str(tmp_path / "mingw" / "include"))
    find_mingw.cache_clear()
    root, probed = find_mingw()
    assert root == tmp_path / "mingw" / "include" and "found" in probed[0]
    hs = choose(tmp_path / "a.c", Settings(headers="mingw"))
    assert hs.kind == "mingw" and "-D__GNUC__=4" in hs.args
    assert "-include" in hs.args and str(headers.MINGW_SUPPLEMENT) in hs.args
    dirs = [hs.args[i + 1] for i, a in enumerate(hs.args) if a == "-isystem"]
    assert dirs == [str(headers.MINGW_WRAP_DIR), str(headers.SHIM_DIR),
                    str(root / "ddk"), str(root)]


def test_forcing_an_absent_layer_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(headers, "mingw_candidates", lambda: [tmp_path / "nowhere"])
    find_mingw.cache_clear()
    with pytest.raises(HeadersUnavailable, match="mingw-w64 headers not found"):
        choose(tmp_path / "a.c", Settings(headers="mingw"))
    with pytest.raises(HeadersUnavailable, match="no WDK found"):
        choose(tmp_path / "a.c", Settings(headers="wdk"))
    hs = choose(tmp_path / "a.c", Settings())
    assert hs.kind == "model" and "no compile database, WDK or mingw-w64 found" in hs.reason
    assert any("nowhere" in p for p in hs.probed)


def test_model_layer_can_be_forced(tmp_path):
    hs = choose(tmp_path / "a.c", Settings(headers="model", include_dirs=[tmp_path],
                                           defines=["KDT=1"]))
    assert hs.kind == "model" and "-DKDT=1" in hs.args and str(tmp_path) in hs.args
    assert hs.reason


def test_compat_headers_are_ours():
    for p in headers.COMPAT.rglob("*.h"):
        assert "written for kdlint" in p.read_text(), p


@pytest.mark.skipif(not HAVE_MINGW, reason="mingw-w64 headers not installed")
def test_mingw_layer_parses_a_file_system_driver(tmp_path):
    write(tmp_path, {"drv.c": """\
#include <ntifs.h>

typedef struct _KDT_FCB { FSRTL_ADVANCED_FCB_HEADER Header; } KDT_FCB;

_Dispatch_type_(IRP_MJ_CREATE)
DRIVER_DISPATCH KdtCreate;

NTSTATUS
KdtCreate(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    KDT_FCB *fcb = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(KDT_FCB), 'tdK');
    UNREFERENCED_PARAMETER(DeviceObject);
    try {
        FsRtlInitializeOplock(&fcb->Header.Oplock);
    } finally {
        ExFreePool(fcb);
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}
"""})
    parsed = parse(tmp_path / "drv.c", Settings(headers="mingw"))
    assert parsed.errors == [] and parsed.stats.repaired == []
    assert parsed.header_set.kind == "mingw" and parsed.health.functions == 1


def test_validate_stops_a_run_with_one_message(tmp_path):
    headers.validate(Settings())
    with pytest.raises(HeadersUnavailable, match="--headers wdk"):
        headers.validate(Settings(headers="wdk"))
    with pytest.raises(HeadersUnavailable, match="no compile_commands.json"):
        headers.validate(Settings(compile_db=tmp_path))
    with pytest.raises(HeadersUnavailable, match="--wdk-root"):
        headers.validate(Settings(wdk_root=tmp_path / "nowhere"))
