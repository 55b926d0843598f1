"""The report and review pages in a real headless browser (Debian's chromium, which .ci/run
installs): they load with no console output, the key elements are there, transcript markup
shows as text, and a screenshot is not blank."""
import os
import shutil
import struct
import subprocess
import zlib

import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector.cli import main
from detector.report import page_name

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"),
                                reason="chromium is not installed (.ci/run installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def _browse(tmp_path, page, *args):
    assert CHROMIUM, "chromium is missing: .ci/run should have installed it"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args,
                           page.as_uri()], capture_output=True, text=True, timeout=120)
    console = [ln for ln in done.stderr.splitlines() if ":CONSOLE" in ln]
    return done, console


def _not_blank(png: bytes) -> bool:
    """Decode the PNG's pixel data and check it holds more than a flat background."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind = png[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 32


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for f in (ROOT / "data" / "samples").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "hostile.txt").write_text(
        "Rep: Our plan is <script>alert('x')</script>, sign today!\nClient: Who is this?\n", "utf-8")
    scored, report = tmp_path_factory.mktemp("scored"), tmp_path_factory.mktemp("report")
    runner = CliRunner()
    assert runner.invoke(main, ["score", str(folder), "--out", str(scored), "--rep", "Rep"]).exit_code == 0
    assert runner.invoke(main, ["report", str(scored), "--html", str(report)]).exit_code == 0
    review = report / "review.html"
    assert runner.invoke(main, ["review", str(folder / "ridgeline-solar-doorstep.vtt"),
                                "--html", str(review)]).exit_code == 0
    return report


@pytest.mark.parametrize(("page", "elements"), [
    ("index.html", ['id="team"', 'id="calls"', "<svg", "northwind-crm-demo"]),
    ("calls/" + page_name("ridgeline-solar-doorstep"), ['id="timeline"', "premature pressure"]),
    ("calls/" + page_name("hostile"), ["&lt;script&gt;alert('x')&lt;/script&gt;"]),
    ("review.html", ['id="timeline"', "Try asking"]),
])
def test_browser_page_loads_clean_with_its_elements(site, tmp_path, page, elements):
    done, console = _browse(tmp_path, site / page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console == []
    for element in elements:
        assert element in done.stdout
    assert "<script>alert" not in done.stdout


@pytest.mark.parametrize("page", ["index.html", "calls/" + page_name("northwind-crm-demo")])
def test_browser_screenshot_is_not_blank(site, tmp_path, page):
    shot = tmp_path / "shot.png"
    done, console = _browse(tmp_path, site / page, "--window-size=1100,900", f"--screenshot={shot}")
    assert done.returncode == 0 and console == []
    assert _not_blank(shot.read_bytes())
