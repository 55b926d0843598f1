"""Role words in labels and role columns ("Agent", "Customer 2", "AGENT", "rep")."""
from __future__ import annotations

import re

from ..transcript import Role

_REP = ("agent", "rep", "representative", "salesperson", "sales", "seller", "advisor", "adviser",
        "consultant", "counsellor", "counselor", "recruiter", "ae", "sdr", "bdr", "host", "internal")
_CLIENT = ("customer", "client", "prospect", "caller", "buyer", "lead", "homeowner", "owner",
           "candidate", "guest", "external", "student", "parent", "member")
_OTHER = ("narrator", "narration", "note", "notes", "system", "ivr", "voicemail", "recording",
          "automated", "music", "operator", "other", "unknown", "moderator", "interpreter")
_WORD = re.compile(r"[a-z]+")


def role_from_word(value: str) -> Role | None:
    """A role column cell or a speaker label that names a role, else None."""
    words = _WORD.findall(value.lower())
    if not words or len(words) > 3:
        return None
    for role, vocab in ((Role.OTHER, _OTHER), (Role.REP, _REP), (Role.CLIENT, _CLIENT)):
        if words[0] in vocab or (len(words) > 1 and words[-1] in vocab and words[0] in
                                 ("sales", "the", "our", "inside", "account", "field")):
            return role
    return None
