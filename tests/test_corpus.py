import pytest
from click.testing import CliRunner

from conftest import DATA
from detector import corpus
from detector.cli import main
from detector.corpus_checks import agreement, load_second_labels, validate

GOOD, BAD = DATA / "corpus" / "good.jsonl", DATA / "corpus" / "bad.jsonl"


def test_corpus_validate_accepts_a_sound_corpus():
    assert validate(list(corpus.load([GOOD]))) == []


@pytest.mark.parametrize("fragment", [
    "t1: pacing 'patient' but its turns give 'premature'",
    "d1: turn 1: client acts ['pitch'] are not all in situation, need, ask, objection, commit, other",
    "family 'fam-a' appears in several splits: dev, train",
    "s1: augmented calls must stay out of the test split",
    "s1: turn 1 also occurs in train: \"Honestly there are ants all over the kitchen",
])
def test_corpus_validate_finds_each_problem(fragment):
    problems = validate(list(corpus.load([BAD])))
    assert any(fragment in p for p in problems), problems


@pytest.mark.parametrize(("pacing", "turns"), [
    ("premature", [("rep", ["pitch"]), ("client", ["need"])]),
    ("premature", [("rep", ["rapport"]), ("rep", ["pressure"])]),
    ("no_sale", [("rep", ["situation"]), ("client", ["objection"])]),
    ("patient", [("client", ["need"]), ("rep", ["situation"]), ("rep", ["gaps"]), ("rep", ["pitch"])]),
    ("rushed", [("client", ["need"]), ("rep", ["situation"]), ("rep", ["pitch"])]),
    ("rushed", [("client", ["need"]), ("rep", ["situation"]), ("rep", ["goals"]), ("rep", ["pressure"])]),
    ("patient", [("client", ["need"]), ("rep", ["change"]), ("rep", ["goals"]), ("rep", ["pitch"]),
                 ("client", ["commit"]), ("rep", ["pressure"])]),
])
def test_corpus_rule_pacing(pacing, turns):
    roles = [corpus.Role(r) for r, _ in turns]
    acts = [tuple(a) for _, a in turns]
    assert corpus.rule_pacing(roles, acts, ["x"] * len(turns)) == pacing


def test_corpus_rule_pacing_readiness_is_a_buying_question():
    roles = [corpus.Role(r) for r in ("client", "rep", "rep", "client", "rep")]
    acts = [("need",), ("situation",), ("gaps",), ("ask",), ("pressure",)]
    assert corpus.rule_pacing(roles, acts, ["", "", "", "Does it work on Macs?", ""]) == "rushed"
    assert corpus.rule_pacing(roles, acts, ["", "", "", "What would it cost us?", ""]) == "patient"


def test_corpus_cli_validate_exit_status(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["corpus", "validate", "--corpus", str(GOOD.parent)])
    assert ok.exit_code == 1  # the folder holds bad.jsonl too
    (tmp_path / "c.jsonl").write_text(GOOD.read_text("utf-8"), "utf-8")
    assert runner.invoke(main, ["corpus", "validate", "--corpus", str(tmp_path)]).exit_code == 0


def test_corpus_cli_stats_counts(tmp_path):
    (tmp_path / "c.jsonl").write_text(GOOD.read_text("utf-8"), "utf-8")
    out = CliRunner().invoke(main, ["corpus", "stats", "--corpus", str(tmp_path),
                                    "--second", str(DATA / "second.jsonl")]).output
    assert "**4 calls, 11 turns** (100% of turns written as free text), 3 scenario families" in out
    assert "| rep: pitch | 3 | 3 |" in out
    assert "| train | 2 | 7 | 1 |" in out
    assert "| premature | 1 | 25.0% |" in out
    assert "Second labelling: 2 calls labelled twice" in out


def test_corpus_agreement_kappa():
    calls = list(corpus.load([GOOD]))
    text = agreement(calls, load_second_labels(DATA / "second.jsonl"))
    # client dominant acts: objection/objection, need/need, need/ask: po 2/3, pe 1/3, kappa 0.5
    assert "| client | 3 | 0.500 | 66.7% |" in text
    # rep: pitch, situation, gaps/goals, pitch: po 0.75, pe 0.3125, kappa 0.636
    assert "| rep | 4 | 0.636 | 75.0% |" in text
    assert "| rep: gaps / goals | 1 |" in text


@pytest.fixture(scope="module")
def shipped():
    from conftest import ROOT

    return list(corpus.load([ROOT / "data" / "corpus"]))


def test_corpus_shipped_is_valid(shipped):
    """Schema, vocabulary, family-disjoint splits, no test turn of six or more words in train,
    and every call's pacing and flags following the contract's rule."""
    assert validate(shipped) == []


def test_corpus_shipped_meets_its_brief(shipped):
    from collections import Counter

    turns = [t for c in shipped for t in c.turns]
    assert len(shipped) >= 300 and len(turns) >= 10_000
    assert len({c.industry for c in shipped}) >= 15 and len({c.call_type for c in shipped}) >= 10
    acts = Counter((t.role.value, a) for t in turns for a in t.acts)
    for role, vocab in (("rep", corpus.REP_ACTS), ("client", corpus.CLIENT_ACTS)):
        for act in vocab:
            if act != "other":
                assert acts[(role, act)] >= 200, (role, act)
    pacing = Counter(c.pacing for c in shipped)
    assert all(pacing[p] >= 0.10 * len(shipped) for p in corpus.PACING)
    assert sum(c.split == "test" for c in shipped) >= 0.15 * len(shipped)
    written = sum(len(c.turns) for c in shipped if c.source == "written")
    assert written >= 0.60 * len(turns)
    lengths = [len(c.turns) for c in shipped]
    assert min(lengths) <= 6 and max(lengths) >= 250
