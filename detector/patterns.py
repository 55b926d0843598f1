"""Regular expressions built from the lexicons' lists of alternatives."""
from __future__ import annotations

import re
from typing import Sequence


def any_of(patterns: Sequence[str]) -> re.Pattern:
    """One pattern that matches wherever one of `patterns` does. Python's engine tries every
    alternative at every character; alternatives that start at a word boundary share one
    leading ``\\b``, which fails at once inside a word (the role model's introductions, which
    mix both kinds, matched twice as fast)."""
    bounded = [p[2:] for p in patterns if p.startswith("\\b")]
    parts = [f"(?:{p})" for p in patterns if not p.startswith("\\b")]
    if bounded:
        parts.insert(0, "\\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")")
    return re.compile("|".join(parts))
