"""Call features for the pacing classifier: one small pure function per feature, each reading
the annotated Doc. `FEATURE_NAMES` is saved with the model and checked when it loads."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc

from . import extensions
from .corpus import DISCOVERY, READY_ASK

extensions.register()


def _turns(doc: Doc):
    return doc.spans[extensions.TURNS]


def _words(span) -> int:
    return sum(1 for t in span if not (t.is_punct or t.is_space))


def _first(doc: Doc, role: str, acts: tuple[str, ...]) -> int | None:
    return next((i for i, s in enumerate(_turns(doc)) if s.label_ == role
                 and any(a in s._.acts for a in acts)), None)


def _position(doc: Doc, index: int | None) -> float:
    """Where a turn falls in the call, 0 (first) to 1 (last); 1.0 when it never happens."""
    n = len(_turns(doc))
    return 1.0 if index is None or n <= 1 else index / (n - 1)


def _is_question(span) -> bool:
    return "?" in span.text or span.text.lower().startswith(
        ("what", "how", "why", "when", "where", "who", "which", "do you", "does", "are you",
         "is it", "can you", "could you", "would you", "have you"))


def rep_talk_share(doc: Doc) -> float:
    words = [(_words(s), s.label_) for s in _turns(doc)]
    total = sum(w for w, _ in words)
    return sum(w for w, r in words if r == "rep") / total if total else 0.0


def client_talk_share(doc: Doc) -> float:
    words = [(_words(s), s.label_) for s in _turns(doc)]
    total = sum(w for w, _ in words)
    return sum(w for w, r in words if r == "client") / total if total else 0.0


def rep_questions(doc: Doc) -> int:
    return sum(1 for s in _turns(doc) if s.label_ == "rep" and _is_question(s))


def rep_question_rate(doc: Doc) -> float:
    rep = [s for s in _turns(doc) if s.label_ == "rep"]
    return sum(map(_is_question, rep)) / len(rep) if rep else 0.0


def rep_questions_before_pitch(doc: Doc) -> int:
    stop = _first(doc, "rep", ("pitch", "pressure"))
    return sum(1 for s in list(_turns(doc))[:stop] if s.label_ == "rep" and _is_question(s))


def rep_question_position(doc: Doc) -> float:
    """Mean position of the rep's questions (low: asked early, before selling)."""
    qs = [i for i, s in enumerate(_turns(doc)) if s.label_ == "rep" and _is_question(s)]
    return sum(_position(doc, i) for i in qs) / len(qs) if qs else 1.0


def longest_rep_monologue(doc: Doc) -> int:
    return max((_words(s) for s in _turns(doc) if s.label_ == "rep"), default=0)


def longest_client_stretch(doc: Doc) -> int:
    return max((_words(s) for s in _turns(doc) if s.label_ == "client"), default=0)


def discovery_stages_before_pitch(doc: Doc) -> int:
    """How many of situation/change/goals/gaps the rep covered before the first pitch or
    pressure (over the whole call when the rep never sells)."""
    stop = _first(doc, "rep", ("pitch", "pressure"))
    seen = {a for s in list(_turns(doc))[:stop] if s.label_ == "rep" for a in s._.acts
            if a in DISCOVERY}
    return len(seen)


def educated_before_pitch(doc: Doc) -> int:
    stop = _first(doc, "rep", ("pitch", "pressure"))
    return int(any("educate" in s._.acts for s in list(_turns(doc))[:stop] if s.label_ == "rep"))


def first_pitch_position(doc: Doc) -> float:
    return _position(doc, _first(doc, "rep", ("pitch",)))


def first_pressure_position(doc: Doc) -> float:
    return _position(doc, _first(doc, "rep", ("pressure",)))


def first_need_position(doc: Doc) -> float:
    return _position(doc, doc._.first_need_turn)


def sells(doc: Doc) -> int:
    return int(_first(doc, "rep", ("pitch", "pressure")) is not None)


def flag_count(doc: Doc) -> int:
    return sum(1 for s in _turns(doc) if s._.flag)


def flag_share(doc: Doc) -> float:
    rep = sum(1 for s in _turns(doc) if s.label_ == "rep")
    return flag_count(doc) / rep if rep else 0.0


def pressure_share(doc: Doc) -> float:
    rep = [s for s in _turns(doc) if s.label_ == "rep"]
    return sum("pressure" in s._.acts for s in rep) / len(rep) if rep else 0.0


def pressure_after_objection(doc: Doc) -> int:
    turns = list(_turns(doc))
    return sum(1 for a, b in zip(turns, turns[1:]) if a.label_ == "client"
               and "objection" in a._.acts and b.label_ == "rep" and "pressure" in b._.acts)


def readiness_position(doc: Doc) -> float:
    """The client's first commit, or ask about price, terms or next steps."""
    ready = next((i for i, s in enumerate(_turns(doc)) if s.label_ == "client" and (
        "commit" in s._.acts or ("ask" in s._.acts and READY_ASK.search(s.text.lower())))), None)
    return _position(doc, ready)


def pressure_before_readiness(doc: Doc) -> int:
    ready = readiness_position(doc)
    press = first_pressure_position(doc)
    return int(press < 1.0 and press < ready)


def pitch_share(doc: Doc) -> float:
    rep = [s for s in _turns(doc) if s.label_ == "rep"]
    return sum("pitch" in s._.acts for s in rep) / len(rep) if rep else 0.0


def client_needs(doc: Doc) -> int:
    return sum(1 for s in _turns(doc) if s.label_ == "client" and "need" in s._.acts)


def client_asks(doc: Doc) -> int:
    return sum(1 for s in _turns(doc) if s.label_ == "client" and "ask" in s._.acts)


def client_ready(doc: Doc) -> int:
    """Whether the client ever committed or asked about price, terms or next steps."""
    return int(readiness_position(doc) < 1.0 or any(
        s.label_ == "client" and "commit" in s._.acts for s in _turns(doc)))


def discovery_stages(doc: Doc) -> int:
    """How many of situation/change/goals/gaps the rep covered anywhere in the call."""
    return len({a for s in _turns(doc) if s.label_ == "rep" for a in s._.acts if a in DISCOVERY})


FEATURES: dict[str, Callable[[Doc], float]] = {f.__name__: f for f in (
    rep_talk_share, client_talk_share, rep_questions, rep_question_rate,
    rep_questions_before_pitch, rep_question_position, longest_rep_monologue,
    longest_client_stretch, discovery_stages_before_pitch, educated_before_pitch,
    first_pitch_position, first_pressure_position, first_need_position, sells, flag_count,
    flag_share, pressure_share, pressure_after_objection, readiness_position,
    pressure_before_readiness, pitch_share, client_needs, client_asks, client_ready,
    discovery_stages)}
FEATURE_NAMES = tuple(FEATURES)


def call_features(doc: Doc) -> dict[str, float]:
    return {name: float(f(doc)) for name, f in FEATURES.items()}
