"""Score calls: Transcript -> annotated Doc -> one calls.csv row and its turns.csv rows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy

from . import bundle as bundles
from . import extensions, features, pacing
from .doc import make_doc
from .tables import TURN_COLUMNS, TURN_EXTRA_COLUMNS
from .transcript import Role, Transcript

if TYPE_CHECKING:
    import pandas as pd

SCORED_TURN_COLUMNS = TURN_COLUMNS + ("acts", "stage", "flag", "evidence") + TURN_EXTRA_COLUMNS
CALL_COLUMNS = ("call_id", "source", "n_turns", "rep_speakers", "client_speakers",
                "first_need_turn", "premature", "first_premature_turn", "n_flags", "pacing",
                "pacing_score", "rep_talk_share", "rep_questions",
                "discovery_stages_before_pitch")


@dataclass(frozen=True)
class ScoredCall:
    call: dict
    turns: list[dict]


def _turn_rows(call: Transcript, doc) -> list[dict]:
    speakers = {s.name: s for s in call.speakers}
    rows = []
    for t, span in zip(call.turns, doc.spans[extensions.TURNS]):
        s = speakers[t.speaker]
        rows.append({"call_id": call.call_id, "source": call.source, "turn": t.index,
                     "line": t.line, "speaker": t.speaker, "role": s.role.value,
                     "start_s": t.start_s, "end_s": t.end_s, "text": t.text,
                     "acts": ";".join(span._.acts), "stage": span._.acts[0],
                     "flag": span._.flag, "evidence": span._.evidence.strip(),
                     "role_by": s.role_by.value, "role_confidence": s.confidence})
    return rows


def score_docs(calls: Sequence[Transcript], bundle: bundles.Bundle) -> list[ScoredCall]:
    """Annotate a batch of calls and score their pacing in one pass."""
    nlp = bundle.nlp
    docs = list(nlp.pipe(make_doc(nlp, c) for c in calls))
    feats = [features.call_features(d) for d in docs]
    rows = numpy.array([[f[n] for n in features.FEATURE_NAMES] for f in feats], dtype=float)
    labels, scores = pacing.predict(bundle.pacing, rows) if len(docs) else ([], [])
    out = []
    for call, doc, f, label, score in zip(calls, docs, feats, labels, scores):
        turns = _turn_rows(call, doc)
        flagged = [r["turn"] for r in turns if r["flag"]]
        out.append(ScoredCall({
            "call_id": call.call_id, "source": call.source, "n_turns": len(turns),
            "rep_speakers": ";".join(call.names(Role.REP)),
            "client_speakers": ";".join(call.names(Role.CLIENT)),
            "first_need_turn": doc._.first_need_turn, "premature": bool(flagged),
            "first_premature_turn": flagged[0] if flagged else None, "n_flags": len(flagged),
            "pacing": label, "pacing_score": round(float(score), 1),
            "rep_talk_share": round(f["rep_talk_share"], 4), "rep_questions": int(f["rep_questions"]),
            "discovery_stages_before_pitch": int(f["discovery_stages_before_pitch"])}, turns))
    return out


def calls_frame(scored: Iterable[ScoredCall]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame([s.call for s in scored], columns=list(CALL_COLUMNS))
    df["premature"] = df["premature"].map({True: "true", False: "false"})
    return df.astype({"first_need_turn": "Int64", "first_premature_turn": "Int64"})


def scored_turns_frame(scored: Iterable[ScoredCall]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame([r for s in scored for r in s.turns], columns=list(SCORED_TURN_COLUMNS))
    return df.astype({"start_s": "Float64", "end_s": "Float64"})


def jsonl_record(s: ScoredCall) -> dict:
    """One call with its turns nested, for programs that read JSON lines."""
    return {**s.call, "turns": [{k: v for k, v in t.items() if k not in ("call_id", "source")}
                                for t in s.turns]}
