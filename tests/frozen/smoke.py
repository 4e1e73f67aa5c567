"""The frozen smoke test: run the built bundle as a user would, and look inside it.

Usage: ``python tests/frozen/smoke.py PATH/TO/companion`` (``make bundle`` runs it).
Checks that the bundle holds no tests, caches or development tools; that
``--version`` names the application, Qt, ReportLab and SQLite; and that
``self-test`` passes in a temporary data folder (migrations, bundled content,
fonts, a PDF with Chinese text, a translation, the main window opened offscreen
and closed); and that the features whose libraries load only when used work: a
certificate read from its PDF, a printed evaluation sheet scanned back, the
workshop report as PDF and spreadsheet. Any line on standard error outside
:data:`ALLOWED_STDERR` fails a check. Not a pytest module: it needs a built bundle, and CI builds one first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

# Lines a healthy bundle may print on stderr, and why.
ALLOWED_STDERR = [
    # Qt on a machine with no desktop session (CI) picks a runtime folder of its own.
    re.compile(r"^QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '.*'$"),
]
# Top-level names that must not be in the bundle, as files or as modules in its archive.
DEVELOPMENT_ONLY = {
    "tests",
    "test",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "babel",
    "ruff",
    "mypy",
    "PyInstaller",
    "pip",
    "setuptools",
    "pkg_resources",
    "tkinter",
}
# Files whose loss would not show offscreen: the desktop's window system, typing Chinese, the
# SVG icon, Qt's own Chinese strings.
# PDFium is opened with ctypes, by the print preview and by reading a certificate's PDF.
PLATFORM_REQUIRED = {
    "linux": [
        "platforms/libqxcb.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "pypdfium2_raw/libpdfium.so",
    ],
    "win32": ["platforms/qwindows.dll", "pypdfium2_raw/pdfium.dll"],
    "darwin": ["platforms/libqcocoa.dylib", "pypdfium2_raw/libpdfium.dylib"],
}
REQUIRED = [
    *PLATFORM_REQUIRED.get(sys.platform, []),
    "iconengines/",
    "imageformats/",
    "translations/qtbase_zh_CN.qm",
    # reportlab's C accelerator, imported inside exec(): without it handouts print, only slower.
    "_rl_accel",
]
TIMEOUT = 300  # seconds; a first start on a loaded machine reads every file cold


class SmokeError(Exception):
    pass


def run(exe: Path, *args: str, home: Path) -> str:
    """Run the bundle with a scratch home folder; return stdout, failing on unexpected stderr."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "QT_", "VIRTUAL_ENV"))  # the bundle must not need them
    }
    env.update(HOME=str(home), USERPROFILE=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    env.update(XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / ".cache"))
    result = subprocess.run(
        [str(exe), *args], capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT, env=env
    )
    unexpected = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not any(pattern.match(line) for pattern in ALLOWED_STDERR)
    ]
    if result.returncode != 0 or unexpected:
        raise SmokeError(
            f"`companion {' '.join(args)}` exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nunexpected stderr:\n" + "\n".join(unexpected)
        )
    return result.stdout


def check_contents(exe: Path) -> str:
    from PyInstaller.archive.readers import pkg_archive_contents

    bundle = exe.parents[2] if exe.parent.name == "MacOS" else exe.parent  # the .app on macOS
    files = [path.relative_to(bundle) for path in bundle.rglob("*")]
    found = sorted({str(p) for p in files if DEVELOPMENT_ONLY & set(p.parts)})
    modules = pkg_archive_contents(str(exe))
    found += sorted({m for m in modules if m.split(".")[0] in DEVELOPMENT_ONLY})
    found += [str(p) for p in files if p.suffix in {".po", ".pot", ".pyc"} and "base_library" not in str(p)]
    if found:
        raise SmokeError("development files in the bundle: " + ", ".join(found[:20]))
    posix = [path.as_posix() for path in files]
    missing = [name for name in REQUIRED if not any(f"/{name}" in path for path in posix)]
    if missing:
        raise SmokeError("missing from the bundle: " + ", ".join(missing))
    return f"{len(files)} files and {len(modules)} archived modules, none for development only"


def check_version(exe: Path, home: Path) -> str:
    out = run(exe, "--version", home=home)
    for name in ("Training Companion", "Qt (PySide6)", "ReportLab", "SQLite"):
        if not re.search(rf"^{re.escape(name)} \d", out, re.MULTILINE):
            raise SmokeError(f"--version does not give the version of {name}:\n{out}")
    return "; ".join(out.splitlines()[:4])


def check_self_test(exe: Path, home: Path) -> str:
    data = home / "data"
    out = run(exe, "--data-dir", str(data), "self-test", home=home)
    lines = out.splitlines()
    expected = ("resources", "store and content", "font", "translation", "main window")
    for name in expected:
        if not any(line.startswith(f"ok   {name}:") for line in lines):
            raise SmokeError(f"self-test did not pass `{name}`:\n{out}")
    if data.exists():
        raise SmokeError("self-test wrote to the data folder it was given")
    return f"{len(expected)} checks passed: " + " | ".join(
        line[5:] for line in lines if "main window" in line
    )


def certificate_pdf(folder: Path) -> Path:
    """A certificate PDF signed by a new key, made with this checkout's code (not the bundle's)."""
    import io

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from reportlab.pdfgen.canvas import Canvas

    from companion.core.certificates import payload
    from companion.core.certificates.pdf import MM, PAGE_H, PAGE_W, _qr_block
    from companion.core.handouts.fonts import FONT, register_fonts

    key = Ed25519PrivateKey.generate()
    cert = payload.Certificate(
        id=payload.certificate_id(key, "smoke-workshop", "P001"),
        workshop="smoke-workshop",
        title="Smoke test",
        start_date="2026-01-05",
        days=2,
        name_latin="Frozen Check",
    )
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W * MM, PAGE_H * MM))
    _qr_block(canvas, FONT, payload.encode(cert, key), payload.short_code(cert.id))
    canvas.save()
    path = folder / "certificate.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def check_certificate(exe: Path, home: Path) -> str:
    """The libraries loaded only when used: PDFium draws the page, Pillow and zxing-cpp read the QR
    code, cryptography checks the signature."""
    pdf = certificate_pdf(home)
    data = str(home / "data")
    out = run(exe, "--data-dir", data, "certificate", "verify", "--image", str(pdf), "--json", home=home)
    if '"valid": true' not in out or "Frozen Check" not in out:
        raise SmokeError(f"the certificate read from its PDF did not verify:\n{out}")
    return "a certificate PDF drawn (pypdfium2), its QR code read (zxing-cpp) and its signature checked"


def check_scan(exe: Path, home: Path) -> str:
    """A marked evaluation sheet printed by the bundle, rendered here as a scanner would, read back
    by the bundle: Pillow's filters, zxing-cpp and the mark reader, frozen."""
    import json

    import pypdfium2

    data = str(home / "data")
    specimen = home / "specimen.json"
    specimen.write_text(json.dumps([{"ag-01/relevance": "5"}]), encoding="utf-8")
    args = ("assess", "sheets", "--form", "evaluation", "--out", str(home / "sheets"), "--count", "1")
    written = json.loads(
        run(exe, "--data-dir", data, *args, "--specimen", str(specimen), "--json", home=home)
    )
    scan = home / "scan.png"
    pypdfium2.PdfDocument(written[0])[0].render(scale=150 / 72, grayscale=True).to_pil().save(scan)
    pages = json.loads(
        run(exe, "--data-dir", data, "assess", "scan", str(scan), "--dry-run", "--json", home=home)
    )
    marked = {row: value for row, value in pages[0]["answers"].items() if value is not None}
    if marked != {"ag-01/relevance": "5"}:
        raise SmokeError(f"the scanned evaluation sheet read as {marked}")
    return "an evaluation sheet printed, scanned at 150 dpi and its mark read"


def check_report(exe: Path, home: Path) -> str:
    """The workshop report in both formats: reportlab's charts and openpyxl, frozen."""
    data = str(home / "data")
    for name, magic in (("report.pdf", b"%PDF"), ("report.xlsx", b"PK")):
        run(exe, "--data-dir", data, "report", "--out", str(home / name), "--lang", "bilingual", home=home)
        if not (home / name).read_bytes().startswith(magic):
            raise SmokeError(f"the workshop report {name} is not what its name says")
    return "the workshop report written as PDF (with its charts) and as a spreadsheet"


def main() -> int:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_file():
        print("usage: python tests/frozen/smoke.py PATH/TO/BUNDLE/companion", file=sys.stderr)
        return 2
    exe = Path(sys.argv[1]).resolve()
    checks: list[tuple[str, Callable[[Path, Path], str]]] = [
        ("contents", lambda exe, _home: check_contents(exe)),
        ("--version", check_version),
        ("self-test", check_self_test),
        ("certificate", check_certificate),
        ("scan", check_scan),
        ("report", check_report),
    ]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="companion-frozen-") as tmp:
        for name, check in checks:
            home = Path(tmp) / name.strip("-")
            home.mkdir()
            try:
                print(f"ok   {name}: {check(exe, home)}", flush=True)
            except (SmokeError, subprocess.TimeoutExpired) as exc:
                failed += 1
                print(f"FAIL {name}: {exc}", flush=True)
    print(f"frozen: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
