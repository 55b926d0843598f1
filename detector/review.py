"""`detector review`: one call the way a rep thinks about it: the stage timeline, each flag with
its evidence, and what to do instead (the discovery steps skipped, with a question to ask)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import click
import jinja2

from .corpus import DISCOVERY
from .scoring import ScoredCall

# One character per turn on the timeline; the legend is printed under it.
SYMBOLS = {"situation": "1", "change": "2", "goals": "3", "gaps": "4", "educate": "5",
           "answer": "6", "pitch": "$", "pressure": "!", "need": "N", "ask": "?"}
COLOURS = {"situation": "cyan", "change": "cyan", "goals": "cyan", "gaps": "cyan",
           "educate": "blue", "answer": "blue", "pitch": "yellow", "pressure": "red", "need": "green",
           "ask": "green"}
LEGEND = ("1-4 discovery (situation, change, goals, gaps)  5 education  6 answer or offer after "
          "the client opened the door  $ premature pitch  ! pressure  N client need  ? client ask  "
          ". other")


@dataclass(frozen=True)
class Advice:
    turn: int
    speaker: str
    flag: str
    evidence: str
    skipped: tuple[str, ...]  # discovery steps not yet covered at this turn
    step: str
    why: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class TimelineTurn:
    turn: int
    speaker: str
    role: str
    stage: str
    symbol: str
    text: str
    flag: str


@dataclass(frozen=True)
class Review:
    call_id: str
    source: str
    reps: str
    clients: str
    pacing: str
    pacing_score: float
    premature: bool
    first_need: TimelineTurn | None
    timeline: tuple[TimelineTurn, ...]
    advice: tuple[Advice, ...]
    covered: tuple[str, ...]  # discovery steps the rep covered at all


@lru_cache(maxsize=1)
def coaching() -> dict:
    text = resources.files("detector").joinpath("lexicons/coaching.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def mark(role: str, acts: list[str], flag: str) -> tuple[str, str]:
    """``(stage, symbol)`` a timeline shows for a turn: selling, then discovery and education
    for the rep (an unflagged pitch is step 6, an answer after the client opened the door); a
    need or an ask for the client; else the dominant act, shown as '.'."""
    first = {"rep": ("pressure", "pitch", *DISCOVERY, "educate"),
             "client": ("need", "ask")}.get(role, ())
    stage = next((a for a in first if a in acts), acts[0])
    if stage == "pitch" and not flag:
        stage = "answer"
    shown = role == "rep" or stage in ("need", "ask")
    return stage, SYMBOLS.get(stage, ".") if shown else "."


def build(scored: ScoredCall) -> Review:
    timeline, advice, covered = [], [], []
    guide = coaching()
    for r in scored.turns:
        acts = r["acts"].split(";")
        stage, symbol = mark(r["role"], acts, r["flag"])
        timeline.append(TimelineTurn(r["turn"], r["speaker"], r["role"], stage, symbol,
                                     r["text"], r["flag"]))
        if r["flag"]:
            skipped = tuple(s for s in DISCOVERY if s not in covered)
            key = skipped[0] if skipped else ("pressure" if r["flag"] == "premature_pressure"
                                              else "educate")
            advice.append(Advice(r["turn"], r["speaker"], r["flag"], r["evidence"], skipped,
                                 guide[key]["step"], guide[key]["why"],
                                 tuple(guide[key]["questions"])))
        if r["role"] == "rep":
            covered += [a for a in acts if a in DISCOVERY and a not in covered]
    call = scored.call
    first = call["first_need_turn"]
    return Review(call["call_id"], call["source"], call["rep_speakers"], call["client_speakers"],
                  call["pacing"], call["pacing_score"], bool(call["premature"]),
                  timeline[first] if first is not None else None, tuple(timeline),
                  tuple(advice), tuple(covered))


def _quote(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(review: Review) -> str:
    """The review for a terminal; colours are click styles, which click.echo drops when the
    output is not a terminal (or when asked to)."""
    out = [click.style(f"Call {review.call_id}", bold=True) + f"  ({review.source})",
           f"Rep: {review.reps or '?'}   Client: {review.clients or '?'}",
           f"Pacing: {review.pacing}, score {review.pacing_score:.0f}/100"
           + ("   " + click.style("premature", fg="red", bold=True) if review.premature else ""),
           "", "Timeline, one mark per turn:"]
    marks = "".join(click.style(t.symbol, fg=COLOURS.get(t.stage), bold=bool(t.flag))
                    for t in review.timeline)
    out += ["  " + marks, "  " + LEGEND, ""]
    steps = [coaching()[s]["step"] for s in DISCOVERY if s in review.covered]
    out.append("Discovery covered: " + (", ".join(steps) if steps else "none"))
    if review.first_need:
        t = review.first_need
        out.append(f"Client's first need or ask: turn {t.turn}, {t.speaker}: \"{_quote(t.text)}\"")
    else:
        out.append("Client's first need or ask: none in this call")
    out.append("")
    if not review.advice:
        out.append(click.style("No premature pitch or pressure: the client opened the door first.",
                               fg="green"))
    for a in review.advice:
        kind = "pressure" if a.flag == "premature_pressure" else "pitch"
        out += [click.style(f"Turn {a.turn}: premature {kind}", fg="red", bold=True)
                + f" by {a.speaker}",
                f"  Evidence: \"{_quote(a.evidence)}\""]
        if a.skipped:
            out.append("  Skipped so far: " + ", ".join(coaching()[s]["step"] for s in a.skipped))
        out += [f"  Instead, {a.step.split('. ', 1)[-1].lower()}: {a.why}",
                f"  Try asking: \"{a.questions[0]}\"", ""]
    return "\n".join(out).rstrip() + "\n"


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("detector", "templates"),
                          autoescape=jinja2.select_autoescape(default=True),
                          undefined=jinja2.StrictUndefined)


def render_html(review: Review) -> str:
    """One standalone page: inline CSS, no scripts, nothing loaded from the network; every
    piece of transcript text is escaped."""
    return _ENV.get_template("review.html").render(
        review=review, legend=LEGEND, colours=COLOURS, coaching=coaching(), discovery=DISCOVERY)
