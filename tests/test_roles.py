import pytest

from detector import Role, RoleBy, read_calls
from detector.roles import ROLE_FEATURES, _assign, _companions, relative_features, resolve
from detector.transcript import Turn


def _turns(*pairs):
    return tuple(Turn(i, s, t, i + 1) for i, (s, t) in enumerate(pairs))


COLD_CALL = _turns(
    ("A", "Hi, this is Mia from Crestline Roofing, do you have a minute?"),
    ("B", "Uh, I guess. What's this about?"),
    ("A", "We're doing free inspections on your street this week, our crews can fit you in Friday."),
    ("B", "We just had the roof redone two years ago, so I'm not sure we need anything."),
    ("A", "Totally fair. How has it held up through the storms?"),
    ("B", "Fine mostly, there's a stain in the upstairs bedroom ceiling though."),
)


@pytest.mark.parametrize("names", [("A", "B"), ("Speaker 1", "Speaker 2"), ("spk_1", "spk_0")])
def test_roles_inferred_from_what_is_said(names):
    turns = tuple(Turn(t.index, names[t.speaker == "B"], t.text, t.line) for t in COLD_CALL)
    speakers = {s.name: s for s in resolve(turns)}
    assert speakers[names[0]].role is Role.REP and speakers[names[1]].role is Role.CLIENT
    assert all(s.role_by is RoleBy.INFERRED and 0.5 <= s.confidence <= 1 for s in speakers.values())


def test_roles_inferred_when_the_client_speaks_first():
    turns = _turns(
        ("Speaker 1", "Hi, I'm calling about the evening coding course, I saw your ad."),
        ("Speaker 2", "Thanks for calling Harbor Code Academy, happy to help. What got you interested?"),
        ("Speaker 1", "I'm stuck in retail and I want a job where I can build things. How much does it cost?"),
        ("Speaker 2", "Our part-time program is 9,800 and we offer a payment plan. What's your schedule like?"),
    )
    speakers = {s.name: s.role for s in resolve(turns)}
    assert speakers == {"Speaker 1": Role.CLIENT, "Speaker 2": Role.REP}


@pytest.mark.parametrize(("reps", "expected"), [
    (("B",), {"A": Role.CLIENT, "B": Role.REP}),
    ((" a ",), {"A": Role.REP, "B": Role.CLIENT}),
])
def test_roles_rep_option_wins(reps, expected):
    speakers = resolve(COLD_CALL, reps=reps)
    assert {s.name: s.role for s in speakers} == expected
    assert {s.role_by for s in speakers} == {RoleBy.OPTION}


def test_roles_rep_option_naming_nobody_falls_back_to_inference():
    assert {s.name: s.role for s in resolve(COLD_CALL, reps=("Zed",))}["A"] is Role.REP


def test_roles_declared_beats_labels_and_inference():
    speakers = resolve(COLD_CALL, declared={"A": Role.CLIENT, "B": Role.REP}, declared_by=RoleBy.SOURCE)
    assert [(s.role, s.role_by) for s in speakers] == [(Role.CLIENT, RoleBy.SOURCE), (Role.REP, RoleBy.SOURCE)]


@pytest.mark.parametrize(("label", "role"), [
    ("Agent", Role.REP), ("Sales Rep", Role.REP), ("Customer 2", Role.CLIENT), ("Caller", Role.CLIENT),
    ("Prospect", Role.CLIENT), ("Narrator", Role.OTHER), ("IVR", Role.OTHER), ("", Role.OTHER),
])
def test_roles_from_speaker_labels(label, role):
    turns = _turns((label, "Hello."), ("Dana Lee", "Hi, thanks for calling."))
    speaker = resolve(turns)[0]
    assert speaker.role is role
    assert speaker.role_by in (RoleBy.LABEL, RoleBy.NARRATION)


def test_roles_two_reps_and_three_clients(fixture_calls, write):
    from render import RENDERERS

    path = write("call.txt", RENDERERS["text"][0](fixture_calls["four_people"]))
    (call,) = read_calls(path, reps=["Ama Owusu", "Lin Zhao"])
    assert call.names(Role.REP) == ("Ama Owusu", "Lin Zhao")
    assert call.names(Role.CLIENT) == ("José Núñez", "Zoë O'Brien")


def test_roles_someone_on_each_side_even_when_scores_agree():
    turns = _turns(("A", "Okay."), ("B", "Okay."), ("A", "Sure."))
    assert sorted(s.role.value for s in resolve(turns)) == ["client", "rep"]


def test_roles_features_are_own_and_relative_and_named():
    feats = relative_features(COLD_CALL, ["A", "B"], {"roofing": 2.0, "not sure": -1.5})
    assert len(feats["A"]) == len(ROLE_FEATURES)
    half = len(ROLE_FEATURES) // 2
    assert feats["A"][half:] == pytest.approx([-x for x in feats["B"][half:]])
    own = dict(zip(ROLE_FEATURES, feats["A"]))
    assert (own["opens_call_own"], own["lexical_own"]) == (1.0, 2.0)
    assert dict(zip(ROLE_FEATURES, feats["B"]))["lexical_own"] == -1.5


def test_roles_teams_guest_suffix_is_affiliation(write):
    path = write("call.vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Kai Moana>Hi.</v>\n\n"
                 "00:00:02.000 --> 00:00:04.000\n<v Dana Lee (External)>Hello.</v>\n")
    (call,) = read_calls(path)
    assert [(s.name, s.role, s.role_by) for s in call.speakers] == [
        ("Kai Moana", Role.REP, RoleBy.AFFILIATION), ("Dana Lee", Role.CLIENT, RoleBy.AFFILIATION)]


@pytest.mark.parametrize(("p", "expected"), [
    # the addressee answers the introduction first; the companion is the newcomer most like
    # the introducer's side
    ({"A": 0.9, "B": 0.3, "C": 0.55}, {"C": "A"}),
    # newcomers sure of their own side stay where their words put them
    ({"A": 0.9, "B": 0.1, "C": 0.05}, {}),
    # an unsure introducer does not follow a newcomer they introduced
    ({"A": 0.6, "B": 0.1, "C": 0.95}, {}),
])
def test_roles_companion_introduced_in_the_first_person(p, expected):
    turns = _turns(
        ("A", "Hi, this is Nadia from Gridline. I've got my colleague Owen on the line too."),
        ("B", "Owen's listening? Fine. Hi, Owen."),
        ("C", "Hi. Sorry. Hi."),
        ("B", "So what does it cost?"),
    )
    assert _companions(turns, p, {}) == expected


def test_roles_a_receptionist_who_puts_the_call_through_is_on_that_side():
    turns = _turns(
        ("A", "Good morning, front desk, this is Odalys."),
        ("B", "Hi, I got a letter from my landlord's attorney about the roof."),
        ("A", "Oh no. One moment, I'm putting you through."),
        ("C", "Hi, Priya here. Before anything else, is there a deadline in the letter?"),
    )
    follows = _companions(turns, {"A": 0.38, "B": 0.02, "C": 0.97}, {})
    assert follows == {"A": "C"}
    roles = _assign({"A": 0.38, "B": 0.02, "C": 0.97}, {}, follows, 3)
    assert roles == {"A": Role.REP, "B": Role.CLIENT, "C": Role.REP}


@pytest.mark.parametrize(("p_c", "role_c"), [(0.6, Role.CLIENT), (0.7, Role.REP)])
def test_roles_a_second_rep_needs_more_evidence_than_the_first(p_c, role_c):
    roles = _assign({"A": 0.9, "B": 0.1, "C": p_c}, {}, {}, 3)
    assert roles == {"A": Role.REP, "B": Role.CLIENT, "C": role_c}


@pytest.mark.parametrize("text", [
    "you're sure your team is yours, youre", "i'm in, i've seen it, i'd say my own, mine, im",
    "we're here, we've got our crew with us, ours", "thankyou yours_ you1 y'you 'you' you'll",
    "mine's myself imagine weird wee usual", "é you é we é i", "", "'''", "i i i me me my"])
def test_roles_pronouns_count_as_the_word_boundary_patterns_do(text):
    import re

    from detector.roles import _PRONOUNS, _WORD_PIECE

    patterns = {"you": r"\b(?:you|your|yours|you're|youre)\b",
                "i": r"\b(?:i|my|me|mine|i'm|im|i've|i'd)\b",
                "we": r"\b(?:we|our|us|ours|we're|we've)\b"}
    kinds = [_PRONOUNS.get(w) for w in _WORD_PIECE.findall(text)]
    for kind, pattern in patterns.items():
        assert kinds.count(kind) == len(re.findall(pattern, text)), kind
