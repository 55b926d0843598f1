"""Role inference on held-out calls with anonymous speakers, as `detector evaluate roles`
reports it; the floor is the figure the README publishes, so a regression fails here."""
import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector import corpus
from detector.cli import main
from detector.role_eval import evaluate_roles


@pytest.fixture(scope="module")
def test_calls():
    return [c for c in corpus.load([ROOT / "data" / "corpus"]) if c.split == "test"]


def test_role_accuracy_on_the_test_split(test_calls):
    scores = {s.variant: s for s in evaluate_roles(test_calls)}
    assert scores["as recorded"].calls == len(test_calls) >= 180
    assert scores["as recorded"].accuracy >= 0.96
    assert scores["client speaks first (as recorded)"].calls >= 90
    assert scores["client speaks first (as recorded)"].accuracy >= 0.96
    assert scores["lower-case, no punctuation"].accuracy >= 0.96


def test_role_accuracy_command_prints_the_table():
    result = CliRunner().invoke(main, ["evaluate", "roles", "--only", "w12-"])
    assert result.exit_code == 0
    assert result.output.startswith("| calls | n | all speakers right | speakers right |")
    assert "| as recorded | 20 |" in result.output
