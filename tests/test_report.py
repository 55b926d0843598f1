import json
import re

import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector.cli import main
from detector.report import page_name

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """The bundled samples plus a hostile call, scored once for every test here."""
    folder = tmp_path_factory.mktemp("in")
    for f in SAMPLES.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "hostile.txt").write_text(
        "Rep: Our plan is <script>alert('x')</script> and =1+1, sign today!\n"
        "Client: <b>Who</b> is this?\n", "utf-8")
    out = tmp_path_factory.mktemp("scored")
    result = CliRunner().invoke(main, ["score", str(folder), "--out", str(out), "--jsonl",
                                       "--rep", "Rep"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def report(scored, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(main, ["report", str(scored), "--html", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_index_has_team_charts_and_links_to_every_call(report, scored):
    html = (report / "index.html").read_text("utf-8")
    assert html.count("<svg") == 3 and 'id="team"' in html and 'id="calls"' in html
    for rep in ("Nadia Rahimi", "Devon Price", "Priya Nair"):
        assert f"<td>{rep}</td>" in html
    links = re.findall(r'href="(calls/[^"]+)"', html)
    assert len(links) == 6 and all((report / link).exists() for link in links)


def test_report_escapes_transcript_text_and_loads_nothing(report):
    page = (report / "calls" / page_name("hostile")).read_text("utf-8")
    assert "&lt;script&gt;alert(" in page and "<script>" not in page
    assert "&lt;b&gt;Who&lt;/b&gt;" in page
    assert "=1+1" in page  # the spreadsheet guard is undone for the page
    for html in [*report.glob("*.html"), *report.glob("calls/*.html")]:
        text = html.read_text("utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text)
        assert "<link" not in text and "@import" not in text


def test_report_call_page_has_timeline_and_flags(report):
    page = (report / "calls" / page_name("ridgeline-solar-doorstep")).read_text("utf-8")
    assert 'id="timeline"' in page and page.count("<rect") == 6
    assert "premature pressure" in page and "today is the day" in page


@pytest.mark.parametrize("call_id", ["a/b", "ünïcode call", "..", "x" * 200])
def test_report_page_names_are_safe_and_unique(call_id):
    name = page_name(call_id)
    assert re.fullmatch(r"[A-Za-z0-9._-]+\.html", name) and not name.startswith(".")
    assert name != page_name(call_id + " ")


def test_report_jsonl_nests_turns(scored):
    lines = (scored / "calls.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 6
    assert sum(len(r["turns"]) for r in records) == len(
        (scored / "turns.csv").read_text("utf-8").splitlines()) - 1
    assert set(records[0]["turns"][0]) >= {"turn", "speaker", "role", "text", "acts", "flag"}


def test_report_no_progress_bar_when_not_a_terminal(tmp_path):
    result = CliRunner().invoke(main, ["score", str(SAMPLES), "--out", str(tmp_path)])
    assert "scoring" not in result.output and "calls/s" not in result.output


def test_report_needs_a_score_folder(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--html", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "calls.csv: missing. Give the folder that 'detector score ... --out DIR' wrote" in result.output
