"""Every ``._`` attribute the pipeline reads or writes, registered here and only here.

Doc: ``call_id``, ``source``, ``speakers`` (the `Speaker` objects), ``first_need_turn``.
Turn spans (``doc.spans["turns"]``, label = role): ``speaker``, ``turn``, ``line``,
``start_s``, ``end_s``, ``acts`` (dominant first), ``act_scores``, ``flag``, ``evidence``;
``role`` is a getter over the span label.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

TURNS = "turns"

_DOC = {"call_id": None, "source": None, "speakers": (), "first_need_turn": None}
_SPAN = {"speaker": None, "turn": None, "line": None, "start_s": None, "end_s": None,
         "acts": (), "act_scores": None, "flag": "", "evidence": ""}


def register() -> None:
    """Idempotent: safe to call from every module and worker process."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Span.has_extension("role"):
        Span.set_extension("role", getter=lambda span: span.label_)


register()
