"""`detector score` against the contract, with the shipped bundle."""
import csv
import json
import shutil

import numpy
import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector import bundle, pacing
from detector.cli import main
from detector.scoring import CALL_COLUMNS, SCORED_TURN_COLUMNS

SAMPLES = ROOT / "data" / "samples"


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    out = tmp_path_factory.mktemp("scored")
    result = CliRunner().invoke(main, ["score", str(SAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {name: _rows(out / f"{name}.csv") for name in ("calls", "turns", "failures")}


def test_scoring_columns_follow_the_contract(scored):
    assert list(scored["calls"][0]) == list(CALL_COLUMNS)
    assert list(scored["turns"][0]) == list(SCORED_TURN_COLUMNS)
    assert scored["failures"] == []


def test_scoring_flags_follow_the_rule_from_the_acts(scored):
    for call in scored["calls"]:
        rows = [r for r in scored["turns"] if r["call_id"] == call["call_id"]]
        assert [int(r["turn"]) for r in rows] == list(range(len(rows))) == list(range(int(call["n_turns"])))
        first = next((int(r["turn"]) for r in rows if r["role"] == "client"
                      and {"need", "ask"} & set(r["acts"].split(";"))), None)
        assert call["first_need_turn"] == ("" if first is None else str(first))
        for r in rows:
            acts = r["acts"].split(";")
            assert r["stage"] == acts[0]
            early = r["role"] == "rep" and (first is None or int(r["turn"]) < first)
            want = ("premature_pressure" if early and "pressure" in acts else
                    "premature_pitch" if early and "pitch" in acts else "")
            assert r["flag"] == want
            assert bool(r["evidence"]) == bool(want)
            if want:
                assert r["evidence"] in r["text"]
        flags = [r for r in rows if r["flag"]]
        assert call["premature"] == ("true" if flags else "false")
        assert call["n_flags"] == str(len(flags))
        assert 0 <= float(call["pacing_score"]) <= 100
        assert call["pacing"] in ("patient", "rushed", "premature", "no_sale")


def test_scoring_doorstep_pitch_is_flagged_and_patient_call_is_not(scored):
    calls = {c["call_id"]: c for c in scored["calls"]}
    assert calls["ridgeline-solar-doorstep"]["premature"] == "true"
    assert calls["greenfield-cleaning"]["premature"] == "false"
    assert float(calls["greenfield-cleaning"]["pacing_score"]) > float(
        calls["ridgeline-solar-doorstep"]["pacing_score"])
    doorstep = [r for r in scored["turns"] if r["call_id"] == "ridgeline-solar-doorstep" and r["flag"]]
    # the evidence is one sentence of the turn, not the whole turn
    assert any(r["evidence"] != r["text"] for r in doorstep)


def test_scoring_bad_file_is_recorded_and_exit_1(tmp_path):
    shutil.copy(SAMPLES / "northwind-crm-demo.csv", tmp_path)
    (tmp_path / "broken.json").write_text('{"segments": [', "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 1
    assert [r["source"] for r in _rows(out / "failures.csv")] == [str(tmp_path / "broken.json")]
    assert len(_rows(out / "calls.csv")) == 1


@pytest.fixture
def bundle_copy(tmp_path):
    dest = tmp_path / "models"
    shutil.copytree(ROOT / "models", dest)
    return dest


def test_scoring_bundle_refuses_a_changed_file(bundle_copy):
    forest = pacing.Forest.from_disk(bundle_copy / "pacing.npz")
    forest.threshold[forest.threshold < numpy.inf] += 1.0
    forest.to_disk(bundle_copy / "pacing.npz")
    with pytest.raises(bundle.BundleError, match=r"pacing.npz: the file does not match the hash"):
        bundle.load(bundle_copy)
    assert bundle.load(bundle_copy, trust=True).meta  # an explicit trust loads it anyway


def test_scoring_bundle_names_the_version_to_install(bundle_copy):
    meta = json.loads((bundle_copy / "meta.json").read_text("utf-8"))
    meta["versions"]["spacy"] = "0.1.0"
    (bundle_copy / "meta.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(bundle.BundleError, match=r"trained with spacy 0.1.0 but .* Install "
                                                 r"spacy==0.1.0, or retrain with 'detector train'"):
        bundle.load(bundle_copy)


def test_scoring_bundle_checks_feature_names(bundle_copy):
    meta = json.loads((bundle_copy / "meta.json").read_text("utf-8"))
    meta["feature_names"] = meta["feature_names"][:-1]
    (bundle_copy / "meta.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(bundle.BundleError, match="other call features"):
        bundle.load(bundle_copy)


def test_scoring_missing_bundle_says_how_to_build_it(tmp_path):
    with pytest.raises(bundle.BundleError, match=r"no trained model bundle .* Run 'detector train'"):
        bundle.load(tmp_path)


def test_scoring_loaded_pipeline_has_no_unmet_requirements():
    nlp = bundle.cached().nlp
    assert all(not p for p in nlp.analyze_pipes(pretty=False)["problems"].values())


@pytest.mark.parametrize("name", ["rep", "rep_ctx", "client", "client_ctx"])
def test_scoring_act_scores_equal_spacy_textcat_on_docs(name):
    """The classifiers read word lists straight into their n-gram keys; spaCy's own model,
    run on Docs of the same words, must give the same numbers."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    classifier = bundle.cached().nlp.get_pipe("detector_acts").models[name]
    words = [["we", "can", "help", "you"], ["the", "number", "is", "the", "number", "."],
             ["ok"], ["?"], "how many clinics do you run , and what is the number ?".split(),
             ["cue_money", "price", "price", "price", "ctx_client_ask"]]
    expected = classifier.model.predict([Doc(Vocab(), words=w) for w in words])
    assert (classifier.scores(words) == expected).all()


def test_scoring_bundle_from_an_older_version_says_retrain(bundle_copy):
    (bundle_copy / "pacing.npz").rename(bundle_copy / "pacing.joblib")
    with pytest.raises(bundle.BundleError, match=r"pacing.npz is missing, .* older version .* "
                                                 r"Retrain with 'detector train'"):
        bundle.load(bundle_copy)


def test_scoring_act_classifier_of_another_architecture_reads_docs():
    """The design comparison trains other architectures (a CNN ensemble); they score too."""
    from spacy.tokens import Doc

    from detector import act_model, components, corpus
    from detector.design_comparison import ENSEMBLE

    calls = [c for c in corpus.load([ROOT / "data" / "corpus"]) if c.split == "train"][:3]
    nlp = act_model.train_classifier(calls, "client", components.ROLE_ACTS["client"], epochs=1,
                                     config=ENSEMBLE)
    classifier = components.Classifier.from_nlp(nlp)
    words = [components.classifier_words(t.text) for t in calls[0].turns[:6]]
    expected = nlp.get_pipe("textcat_multilabel").predict([Doc(nlp.vocab, words=w) for w in words])
    assert numpy.allclose(classifier.scores(words), expected)
