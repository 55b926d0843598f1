"""Role inference with anonymous speakers, as `detector evaluate roles` reports it: on the
held-out batch the role model never learned from, with the README's published figures as
floors, so a regression fails here."""
import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector import corpus
from detector.cli import main
from detector.role_eval import evaluate_roles


@pytest.fixture(scope="module")
def held_out():
    return [c for c in corpus.load([ROOT / "data" / "corpus"]) if c.role_held_out]


def test_the_held_out_batch_is_test_calls_the_role_model_never_saw(held_out):
    trained = [c for c in corpus.load([ROOT / "data" / "corpus"]) if not c.role_held_out]
    assert len(held_out) >= 60
    assert {c.split for c in held_out} == {"test"}
    assert not {c.family for c in held_out} & {c.family for c in trained}


def test_role_accuracy_on_the_held_out_batch(held_out):
    scores = {s.variant: s for s in evaluate_roles(held_out)}
    assert scores["as recorded"].calls == len(held_out)
    assert scores["as recorded"].accuracy >= 0.98  # 79/80 published
    assert scores["client speaks first (as recorded)"].calls >= 25
    assert scores["lower-case, no punctuation"].accuracy >= 0.975  # 78/80 published


@pytest.mark.parametrize("args, n", [(["--only", "w12-", "--split", "test"], 20), ([], None)])
def test_role_accuracy_command_prints_the_table(args, n, held_out):
    result = CliRunner().invoke(main, ["evaluate", "roles", *args])
    assert result.exit_code == 0
    assert result.output.startswith("| calls | n | all speakers right | speakers right |")
    assert f"| as recorded | {n or len(held_out)} |" in result.output


@pytest.mark.parametrize("args, message", [
    (["--only", "nobody-"], "no calls match"),
    (["--cross-validate", "--only", "w1-"], "leave out --split and --only"),
])
def test_role_evaluation_usage_errors(args, message):
    result = CliRunner().invoke(main, ["evaluate", "roles", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_cross_validation_never_scores_a_writer_with_a_model_that_saw_them(monkeypatch):
    from detector import role_eval

    calls = [c for c in corpus.load([ROOT / "data" / "corpus"])
             if c.call_id.startswith(("w1-", "w9-", "w27-"))]
    fitted, original = [], role_eval.fit_role_model

    def fit(examples):
        examples = list(examples)
        fitted.append({fam.split("-", 1)[0] for _, _, fam in examples})
        return original(examples)

    monkeypatch.setattr(role_eval, "fit_role_model", fit)
    scores = role_eval.cross_validate(calls)
    assert [s.variant for s in scores] == ["w1", "w9", "w27", "all writers",
                                           "calls with three or more reps and clients"]
    assert fitted == [{"w9", "w27"}, {"w1", "w27"}, {"w1", "w9"}]
    assert scores[3].calls == len(calls) == sum(s.calls for s in scores[:3])
    assert 0 < scores[4].calls < len(calls)
