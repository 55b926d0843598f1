"""Components on small hand-built Docs: no trained model is needed for these."""
import pytest

from detector.act_model import new_pipeline
from detector.components import MAX_SENTENCE
from detector.doc import make_doc
from detector.features import FEATURE_NAMES, call_features
from detector.transcript import Role, RoleBy, Speaker, Transcript, Turn


def _call(*turns):
    names = {}
    for speaker, role, _ in turns:
        names.setdefault(speaker, Speaker(speaker, Role(role), RoleBy.OPTION, 1.0))
    return Transcript("c", "c.txt", "text", tuple(Turn(i, s, t, i + 1) for i, (s, _, t) in
                                                  enumerate(turns)), tuple(names.values()))


@pytest.fixture(scope="module")
def nlp():
    return new_pipeline()


def _annotate(nlp, call, acts):
    """Run turns and sentences, set the acts by hand, then the flag rule."""
    doc = make_doc(nlp, call)
    for name in ("detector_turns", "detector_sentences"):
        doc = nlp.get_pipe(name)(doc)
    for span, a in zip(doc.spans["turns"], acts):
        span._.acts = tuple(a)
    return nlp.get_pipe("detector_flags")(doc)


def test_pipeline_analyze_pipes_finds_no_unmet_requirement(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert all(not problems for problems in analysis["problems"].values())
    assert nlp.pipe_names == ["detector_turns", "detector_sentences", "detector_acts", "detector_flags"]


def test_pipeline_turns_are_spans_labelled_with_roles(nlp):
    call = _call(("Ann", "rep", "Hi there. How are you?"), ("Bo", "client", "Fine,\nthanks."))
    doc = nlp.get_pipe("detector_turns")(make_doc(nlp, call))
    spans = doc.spans["turns"]
    assert [(s.text, s.label_, s._.speaker, s._.turn, s._.line) for s in spans] == [
        ("Hi there. How are you?", "rep", "Ann", 0, 1), ("Fine, thanks.", "client", "Bo", 1, 2)]


@pytest.mark.parametrize(("text", "n_sentences"), [
    ("One. Two? Three!", 3),
    ("no punctuation at all " * 20, 80 // MAX_SENTENCE + 1),
    ("Short one", 1),
])
def test_pipeline_sentences_stay_inside_turns(nlp, text, n_sentences):
    call = _call(("Ann", "rep", text), ("Bo", "client", "Okay then"))
    doc = nlp.get_pipe("detector_sentences")(nlp.get_pipe("detector_turns")(make_doc(nlp, call)))
    first, second = doc.spans["turns"]
    assert len(list(first.sents)) == n_sentences
    assert second[0].is_sent_start


@pytest.mark.parametrize(("acts", "first_need", "flags"), [
    ([["rapport"], ["other"], ["pitch"], ["need"], ["pitch"]], 3, ["", "", "premature_pitch", "", ""]),
    ([["pitch", "pressure"], ["ask"], ["pressure"]], 1, ["premature_pressure", "", ""]),
    ([["pitch"], ["objection"], ["pressure"]], None, ["premature_pitch", "", "premature_pressure"]),
    ([["situation"], ["need"], ["pitch"]], 1, ["", "", ""]),
])
def test_pipeline_flag_rule(nlp, acts, first_need, flags):
    roles = ["rep", "client"] * 3
    call = _call(*[(("Ann", "Bo")[i % 2], roles[i], f"Turn number {i}.") for i in range(len(acts))])
    doc = _annotate(nlp, call, acts)
    assert doc._.first_need_turn == first_need
    assert [s._.flag for s in doc.spans["turns"]] == flags
    assert [s._.evidence for s in doc.spans["turns"]] == [
        s.text if f else "" for s, f in zip(doc.spans["turns"], flags)]


def test_pipeline_features_are_named_pure_functions(nlp):
    call = _call(("Ann", "rep", "Hi, how do you track orders today?"),
                 ("Bo", "client", "On paper. It is a mess and we lose orders every week."),
                 ("Ann", "rep", "What have you tried?"),
                 ("Bo", "client", "Nothing yet. What would it cost?"),
                 ("Ann", "rep", "Our plan is 40 a month, and I can sign you up today."))
    doc = _annotate(nlp, call, [["situation"], ["situation", "need"], ["gaps"], ["ask"],
                                ["pitch", "pressure"]])
    f = call_features(doc)
    assert tuple(f) == FEATURE_NAMES
    assert f["discovery_stages_before_pitch"] == 2
    assert f["rep_questions"] == 2 and f["rep_questions_before_pitch"] == 2
    assert f["first_pitch_position"] == 1.0 and f["first_need_position"] == 0.25
    assert f["readiness_position"] == 0.75 and f["pressure_before_readiness"] == 0
    assert f["flag_count"] == 0 and f["sells"] == 1
    assert f["rep_talk_share"] == pytest.approx(24 / 42)
    assert f["longest_client_stretch"] == 12
