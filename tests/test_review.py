import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector.cli import main

SAMPLES = ROOT / "data" / "samples"


def _review(*args):
    result = CliRunner().invoke(main, ["review", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def test_review_premature_call_shows_flag_evidence_and_question():
    out = _review(SAMPLES / "ridgeline-solar-doorstep.vtt")
    assert "premature pressure by Devon Price" in out
    assert 'Evidence: "No problem, it only takes ten minutes' in out
    assert "Skipped so far: 1. Current situation, 2. What they want to change" in out
    assert 'Try asking: "How are you handling this today, step by step?"' in out
    assert "Client's first need or ask: none in this call" in out


def test_review_patient_call_shows_no_flag():
    out = _review(SAMPLES / "greenfield-cleaning.json")
    assert "No premature pitch or pressure" in out
    assert "Try asking" not in out
    assert "Client's first need or ask: turn " in out and ", spk_1: \"" in out


@pytest.mark.parametrize(("flag", "has_escapes"), [("--no-color", False), ("--color", True)])
def test_review_colour_only_when_asked_or_on_a_terminal(flag, has_escapes):
    out = _review(SAMPLES / "ridgeline-solar-doorstep.vtt", flag)
    assert ("\x1b[" in out) is has_escapes


def test_review_html_is_standalone_and_escapes_transcript_text(tmp_path):
    call = tmp_path / "call.txt"
    call.write_text("Rep: Hi, our plan is $40 a month <script>alert('x')</script>, sign today!\n"
                    "Client: Who is this?\n", "utf-8")
    page = tmp_path / "review.html"
    _review(call, "--rep", "Rep", "--html", page)
    html = page.read_text("utf-8")
    assert "&lt;script&gt;alert(" in html and "<script>" not in html
    assert "http" not in html.lower().replace('lang="en"', "")  # nothing loaded from the network
    assert 'id="timeline"' in html and "premature" in html
