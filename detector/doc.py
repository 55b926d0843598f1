"""Transcript -> one spaCy Doc per call: the turns' texts joined by newlines, each turn a Span
in ``doc.spans["turns"]`` labelled with its speaker's role."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions
from .transcript import Transcript

TURN_CHARS = "detector.turn_chars"
TEXT = "detector.text"


def make_doc(nlp: Language, call: Transcript) -> Doc:
    """Tokenise the call and hand the turn boundaries to the ``detector_turns`` component."""
    parts, offsets, pos = [], [], 0
    for turn in call.turns:
        # one line per turn (newlines separate turns), same length: evidence maps back to the text
        text = turn.text.replace("\r", " ").replace("\n", " ")
        parts.append(text)
        offsets.append((pos, pos + len(text)))
        pos += len(text) + 1
    text = "\n".join(parts)
    doc = nlp.make_doc(text)
    doc.user_data[TEXT] = text
    doc._.call_id, doc._.source, doc._.speakers = call.call_id, call.source, call.speakers
    doc.user_data[TURN_CHARS] = (offsets, call)
    return doc


def annotate(nlp: Language, call: Transcript) -> Doc:
    """Run the whole pipeline over one call."""
    return nlp(make_doc(nlp, call))


def turns(doc: Doc):
    return doc.spans[extensions.TURNS]


def turn_texts(doc: Doc) -> list[str]:
    """Each turn span's text, as ``span.text`` gives it. spaCy rebuilds a Span's or Doc's text
    from a Python object per token, which cost more than classifying the turn; the call's text
    kept by `make_doc` is sliced instead."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.text
    return [text[s.start_char:s.end_char] for s in turns(doc)]
