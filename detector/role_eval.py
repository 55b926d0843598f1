"""How often role inference gets a whole call right when names cannot help: every speaker is
renamed ``Speaker 1`` / ``spk_0`` / ``A``, and the call is also tried starting at the client's
first turn and as lower-case text without punctuation."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from .corpus import LabelledCall
from .roles import RoleModel, resolve
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


def evaluate_roles(calls: Sequence[LabelledCall], model: RoleModel | None = None) -> list[RoleScore]:
    tallies: dict[str, list[int]] = {}

    def score(variant: str, turns: list[Turn], gold: dict[str, Role]) -> None:
        predicted = {s.name: s.role for s in resolve(turns, model=model)}
        judged = [n for n in dict.fromkeys(t.speaker for t in turns) if gold[n] is not Role.OTHER]
        right = sum(predicted[n] is gold[n] for n in judged)
        t = tallies.setdefault(variant, [0, 0, 0, 0])
        t[0] += 1
        t[1] += right == len(judged)
        t[2] += len(judged)
        t[3] += right

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
    return [RoleScore(v, *t) for v, t in tallies.items()]


def markdown(scores: Sequence[RoleScore]) -> str:
    rows = ["| calls | n | all speakers right | speakers right |", "|---|---:|---:|---:|"]
    rows += [f"| {s.variant} | {s.calls} | {s.accuracy:.1%} | {s.speakers_correct}/{s.speakers} |"
             for s in scores]
    return "\n".join(rows)
