"""The labelled corpus (``data/corpus/*.jsonl``): loading, the contract's rule for flags and
pacing, validation and statistics."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import DetectorError
from .transcript import Role, RoleBy, Speaker, Transcript, Turn

REP_ACTS = ("rapport", "situation", "change", "goals", "gaps", "educate", "pitch", "pressure",
            "logistics", "other")
CLIENT_ACTS = ("situation", "need", "ask", "objection", "commit", "other")
ACTS = {Role.REP: REP_ACTS, Role.CLIENT: CLIENT_ACTS, Role.OTHER: ("other",)}
PACING = ("patient", "rushed", "premature", "no_sale")
SPLITS = ("train", "dev", "test")
SOURCES = ("written", "generated", "augmented")
DISCOVERY = ("situation", "change", "goals", "gaps")
# Role inference is measured on the newest fresh writers' batch, which no rule or model of role
# inference has seen; the role model learns from every other call, test split included. (The
# act, flag and pacing figures are measured with the corpus's own roles, so none of them depends
# on the role model.) A new batch gets written, measured once here, then joins the training.
ROLE_HELD_OUT = ("w31", "w32", "w33", "w34")  # writers
# A client ask that shows readiness to buy: price, cost, terms, next steps, how to start.
READY_ASK = re.compile(
    r"\b(price|pricing|cost|costs|how much|fee|fees|rate|rates|quote|deposit|pay|payment|financ\w*|"
    r"contract|sign|signing|paperwork|next steps?|get started|getting started|start|enrol\w*|"
    r"enroll\w*|sign up|book|order|buy|purchase|terms|discount|move forward|proceed|install\w*|"
    r"apply|application)\b")


class CorpusError(DetectorError):
    pass


@dataclass(frozen=True, slots=True)
class LabelledTurn:
    speaker: str
    role: Role
    text: str
    acts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabelledCall:
    call_id: str
    split: str
    family: str
    industry: str
    call_type: str
    source: str
    pacing: str
    turns: tuple[LabelledTurn, ...]
    path: str = ""
    line: int = 0

    @property
    def writer(self) -> str:
        """The writer's prefix of the call id ("w3" for "w3-017")."""
        return self.call_id.split("-", 1)[0]

    @property
    def role_held_out(self) -> bool:
        """Whether the call is in the batch role inference is measured on (`ROLE_HELD_OUT`)."""
        return self.writer in ROLE_HELD_OUT

    def plain_turns(self) -> tuple[Turn, ...]:
        return tuple(Turn(i, t.speaker, t.text, i + 1) for i, t in enumerate(self.turns))

    def roles(self) -> dict[str, Role]:
        return {t.speaker: t.role for t in self.turns}

    def transcript(self) -> Transcript:
        """The call as the readers would give it, with the labelled roles."""
        speakers = tuple(Speaker(n, r, RoleBy.SOURCE, 1.0) for n, r in self.roles().items())
        return Transcript(self.call_id, self.path or self.call_id, "corpus", self.plain_turns(),
                          speakers)


def _call(obj: dict, path: str, line: int) -> LabelledCall:
    try:
        turns = tuple(LabelledTurn(str(t["speaker"]), Role(t["role"]), str(t["text"]),
                                   tuple(t["acts"])) for t in obj["turns"])
        return LabelledCall(str(obj["call_id"]), str(obj.get("split", "")), str(obj["family"]),
                            str(obj["industry"]), str(obj["call_type"]), str(obj["source"]),
                            str(obj["pacing"]), turns, path, line)
    except (KeyError, TypeError, ValueError) as e:
        raise CorpusError(f"{path}:{line}: a call lacks or misuses field {e}. See the corpus "
                          "schema in data/README.md") from None


def load(paths: Iterable[str | Path]) -> Iterator[LabelledCall]:
    """Calls from JSONL files, or from every ``*.jsonl`` directly inside given folders."""
    for p in paths:
        p = Path(p)
        files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                for line, text in enumerate(fh, 1):
                    if not text.strip():
                        continue
                    try:
                        obj = json.loads(text)
                    except json.JSONDecodeError as e:
                        raise CorpusError(f"{f}:{line}: invalid JSON ({e.msg}). Each line must "
                                          "hold one call") from None
                    yield _call(obj, str(f), line)


def first_need_turn(roles: list[Role], acts: list[tuple[str, ...]]) -> int | None:
    return next((i for i, (r, a) in enumerate(zip(roles, acts))
                 if r is Role.CLIENT and ("need" in a or "ask" in a)), None)


def flags(roles: list[Role], acts: list[tuple[str, ...]]) -> list[str]:
    """The contract's flag for every turn ('' when none)."""
    first = first_need_turn(roles, acts)
    out = []
    for i, (r, a) in enumerate(zip(roles, acts)):
        early = r is Role.REP and (first is None or i < first)
        out.append("premature_pressure" if early and "pressure" in a else
                   "premature_pitch" if early and "pitch" in a else "")
    return out


def rule_pacing(roles: list[Role], acts: list[tuple[str, ...]], texts: list[str]) -> str:
    """Pacing by the guide's rule, from turn labels (what labelled calls must carry)."""
    if any(flags(roles, acts)):
        return "premature"
    selling = [i for i, (r, a) in enumerate(zip(roles, acts))
               if r is Role.REP and ("pitch" in a or "pressure" in a)]
    if not selling:
        return "no_sale"
    covered = {x for r, a in zip(roles[:selling[0]], acts[:selling[0]]) if r is Role.REP
               for x in a if x in DISCOVERY}
    ready = next((i for i, (r, a, t) in enumerate(zip(roles, acts, texts)) if r is Role.CLIENT
                  and ("commit" in a or ("ask" in a and READY_ASK.search(t.lower())))), None)
    early_pressure = any(r is Role.REP and "pressure" in a and (ready is None or i < ready)
                         for i, (r, a) in enumerate(zip(roles, acts)))
    return "patient" if len(covered) >= 2 and not early_pressure else "rushed"


def call_rule_pacing(call: LabelledCall) -> str:
    return rule_pacing([t.role for t in call.turns], [t.acts for t in call.turns],
                       [t.text for t in call.turns])
