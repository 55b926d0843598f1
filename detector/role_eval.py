"""How often role inference gets a whole call right when names cannot help: every speaker is
renamed ``Speaker 1`` / ``spk_0`` / ``A``, and the call is also tried starting at the client's
first turn and as lower-case text without punctuation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from .corpus import LabelledCall
from .roles import RoleModel, fit_role_model, resolve
from .transcript import Role, Turn

_STYLES: tuple[Callable[[int], str], ...] = (
    lambda i: f"Speaker {i + 1}", lambda i: f"spk_{i}", lambda i: chr(ord("A") + i % 26))
_PUNCT = re.compile(r"[^\w\s']")


@dataclass(frozen=True)
class RoleScore:
    variant: str
    calls: int
    correct: int
    speakers: int
    speakers_correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.calls if self.calls else float("nan")


def anonymise(call: LabelledCall, style: int) -> tuple[list[Turn], dict[str, Role]]:
    names = {n: _STYLES[style % len(_STYLES)](i)
             for i, n in enumerate(dict.fromkeys(t.speaker for t in call.turns))}
    turns = [Turn(i, names[t.speaker], t.text, i + 1) for i, t in enumerate(call.turns)]
    return turns, {names[t.speaker]: t.role for t in call.turns}


def _client_first(turns: list[Turn], roles: dict[str, Role]) -> list[Turn] | None:
    first = next((i for i, t in enumerate(turns) if roles[t.speaker] is Role.CLIENT), None)
    if first is None or len(turns) - first < 4:
        return None
    return [Turn(i, t.speaker, t.text, t.line) for i, t in enumerate(turns[first:])]


def _asr(turns: list[Turn]) -> list[Turn]:
    return [Turn(t.index, t.speaker, " ".join(_PUNCT.sub(" ", t.text.lower()).split()), t.line)
            for t in turns]


def _judge(turns: list[Turn], gold: dict[str, Role], model: RoleModel | None) -> tuple[int, int]:
    """(speakers right, speakers judged): every rep and client speaker of the call."""
    predicted = {s.name: s.role for s in resolve(turns, model=model)}
    judged = [n for n in dict.fromkeys(t.speaker for t in turns) if gold[n] is not Role.OTHER]
    return sum(predicted[n] is gold[n] for n in judged), len(judged)


def _tally(variant: str, results: Sequence[tuple[int, int]]) -> RoleScore:
    return RoleScore(variant, len(results), sum(r == n for r, n in results),
                     sum(n for _, n in results), sum(r for r, _ in results))


def evaluate_roles(calls: Sequence[LabelledCall], model: RoleModel | None = None) -> list[RoleScore]:
    results: dict[str, list[tuple[int, int]]] = {}

    def score(variant: str, turns: list[Turn], gold: dict[str, Role]) -> None:
        results.setdefault(variant, []).append(_judge(turns, gold, model))

    for k, call in enumerate(calls):
        turns, gold = anonymise(call, k)
        score("as recorded", turns, gold)
        if gold[turns[0].speaker] is Role.CLIENT:
            score("client speaks first (as recorded)", turns, gold)
        else:
            cut = _client_first(turns, gold)
            if cut:
                score("client speaks first (cut to the client's first turn)", cut, gold)
        score("lower-case, no punctuation", _asr(turns), gold)
    return [_tally(v, r) for v, r in results.items()]


def cross_validate(calls: Sequence[LabelledCall]) -> list[RoleScore]:
    """Leave one writer out (writers share no family, voice or phrasing): the role model is
    fitted on every other writer's calls and run on this writer's, as recorded. One score per
    writer, then all writers, then the calls with three or more reps and clients."""
    per_writer: dict[str, list[tuple[int, int]]] = {}
    for w in sorted({c.writer for c in calls}, key=lambda w: (len(w), w)):
        model = fit_role_model((c.plain_turns(), c.roles(), c.family) for c in calls
                               if c.writer != w)
        per_writer[w] = [_judge(*anonymise(c, k), model)
                         for k, c in enumerate(calls) if c.writer == w]
    every = [r for rs in per_writer.values() for r in rs]
    return ([_tally(w, r) for w, r in per_writer.items()]
            + [_tally("all writers", every),
               _tally("calls with three or more reps and clients", [r for r in every if r[1] >= 3])])


def markdown(scores: Sequence[RoleScore]) -> str:
    rows = ["| calls | n | all speakers right | speakers right |", "|---|---:|---:|---:|"]
    rows += [f"| {s.variant} | {s.calls} | {s.accuracy:.1%} | {s.speakers_correct}/{s.speakers} |"
             for s in scores]
    return "\n".join(rows)
