"""Speech-to-text noise for a labelled call: lower-case, punctuation dropped, fillers and false
starts added, and some turns split in two around a short back-channel from the other side.
Used to make the ASR-noised evaluation copy and, at training time, augmented examples."""
from __future__ import annotations

import random
import re
from dataclasses import replace

from .corpus import LabelledCall, LabelledTurn
from .transcript import Role

FILLERS = ("um", "uh", "like", "you know", "i mean", "so", "yeah")
BACKCHANNELS = ("mm-hm", "yeah", "right", "okay", "uh-huh")
_PUNCT = re.compile(r"[^\w\s'-]")


def noise_text(text: str, rng: random.Random, filler_rate: float = 0.07) -> str:
    words = _PUNCT.sub(" ", text.lower()).split()
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < filler_rate:
            out.append(rng.choice(FILLERS))
        elif r < filler_rate * 1.4 and len(w) > 2:
            out.append(w)  # a repeated word, as in "we we use"
        out.append(w)
    return " ".join(out) if out else text.lower()


def noise_call(call: LabelledCall, seed: int = 0, split_rate: float = 0.15) -> LabelledCall:
    """A noised copy: same speakers and labels; a split turn keeps its acts on both halves
    (the back-channel between them is the other side's `other`)."""
    rng = random.Random(f"{seed}:{call.call_id}")
    others = {t.role: t.speaker for t in call.turns}
    turns: list[LabelledTurn] = []
    for t in call.turns:
        text = noise_text(t.text, rng)
        words = text.split()
        listener = others.get(Role.CLIENT if t.role is Role.REP else Role.REP)
        if listener and len(words) >= 16 and rng.random() < split_rate:
            cut = len(words) // 2
            turns.append(replace(t, text=" ".join(words[:cut])))
            turns.append(LabelledTurn(listener, Role.CLIENT if t.role is Role.REP else Role.REP,
                                      rng.choice(BACKCHANNELS), ("other",)))
            turns.append(replace(t, text=" ".join(words[cut:])))
        else:
            turns.append(replace(t, text=text))
    return replace(call, call_id=f"{call.call_id}~asr", source="augmented", turns=tuple(turns))
