"""`detector corpus validate` and `detector corpus stats`: the corpus keeps its schema, its
vocabulary, disjoint splits, unshared phrasings and the contract's pacing rule."""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from .corpus import (ACTS, PACING, SOURCES, SPLITS, LabelledCall, call_rule_pacing, flags)
from .transcript import Role

MIN_SHARED_WORDS = 6
_NORM = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    return " ".join(_NORM.sub(" ", text.lower()).split())


def validate(calls: Sequence[LabelledCall]) -> list[str]:
    """Every problem found, each as ``file:line: call_id: what``; empty when the corpus is sound."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    family_split: dict[str, set[str]] = defaultdict(set)
    for c in calls:
        where = f"{c.path}:{c.line}: {c.call_id}"
        if c.call_id in seen:
            problems.append(f"{where}: call_id also used at {seen[c.call_id]}")
        seen[c.call_id] = f"{c.path}:{c.line}"
        for field, value, allowed in (("split", c.split, SPLITS), ("source", c.source, SOURCES),
                                      ("pacing", c.pacing, PACING)):
            if value not in allowed:
                problems.append(f"{where}: {field} {value!r} is not one of {', '.join(allowed)}")
        family_split[c.family].add(c.split)
        if c.split == "test" and c.source != "written":
            problems.append(f"{where}: {c.source} calls must stay out of the test split")
        for i, t in enumerate(c.turns):
            if not t.text.strip() or not t.speaker.strip():
                problems.append(f"{where}: turn {i} has an empty speaker or text")
            if not t.acts or set(t.acts) - set(ACTS[t.role]):
                problems.append(f"{where}: turn {i}: {t.role.value} acts {list(t.acts)} are not all "
                                f"in {', '.join(ACTS[t.role])}")
            if len(set(t.acts)) != len(t.acts):
                problems.append(f"{where}: turn {i} repeats an act")
            if i and t.speaker == c.turns[i - 1].speaker:
                problems.append(f"{where}: turn {i} has the same speaker as turn {i - 1}; merge them")
        if not problems or not problems[-1].startswith(where):
            rule = call_rule_pacing(c)
            if rule != c.pacing:
                problems.append(f"{where}: pacing {c.pacing!r} but its turns give {rule!r} "
                                "(see 'Call-level labels' in data/GUIDE.md)")
    for fam, splits in sorted(family_split.items()):
        if len(splits) > 1:
            problems.append(f"family {fam!r} appears in several splits: {', '.join(sorted(splits))}")
    problems += shared_phrasings(calls)
    return problems


def shared_phrasings(calls: Iterable[LabelledCall], held_out: str = "test") -> list[str]:
    """Held-out turns of six or more words that also occur, word for word, in train."""
    calls = list(calls)
    train = {normalise(t.text) for c in calls if c.split == "train" for t in c.turns}
    out = []
    for c in calls:
        if c.split != held_out:
            continue
        for i, t in enumerate(c.turns):
            n = normalise(t.text)
            if len(n.split()) >= MIN_SHARED_WORDS and n in train:
                out.append(f"{c.path}:{c.line}: {c.call_id}: turn {i} also occurs in train: {t.text!r}")
    return out


def corpus_hash(calls: Iterable[LabelledCall]) -> str:
    """SHA-256 of the calls' ids, speakers, roles, texts and labels, in id order: what a
    model trained on them depends on (adding test calls does not change it)."""
    h = hashlib.sha256()
    for c in sorted(calls, key=lambda c: c.call_id):
        h.update(f"{c.call_id}\x1f{c.split}\x1f{c.pacing}\x1e".encode())
        for t in c.turns:
            h.update(f"{t.speaker}\x1f{t.role.value}\x1f{t.text}\x1f{';'.join(t.acts)}\x1e".encode())
    return h.hexdigest()


def _table(title: str, counts: Counter, total: int | None = None) -> str:
    lines = [f"| {title} | n |" + (" share |" if total else ""), "|---|---:|" + ("---:|" if total else "")]
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        lines.append(f"| {key} | {n} |" + (f" {n / total:.1%} |" if total else ""))
    return "\n".join(lines)


def stats(calls: Sequence[LabelledCall]) -> str:
    """Markdown tables of the corpus figures."""
    turns = [t for c in calls for t in c.turns]
    n_calls, n_turns = len(calls), len(turns)
    lengths = sorted(len(c.turns) for c in calls)
    written = sum(len(c.turns) for c in calls if c.source == "written")
    flagged = sum(bool(f) for c in calls for f in flags([t.role for t in c.turns], [t.acts for t in c.turns]))
    acts = Counter(f"{t.role.value}: {a}" for t in turns for a in t.acts)
    dominant = Counter(f"{t.role.value}: {t.acts[0]}" for t in turns)
    split_calls = Counter(c.split for c in calls)
    split_turns = Counter({s: sum(len(c.turns) for c in calls if c.split == s) for s in split_calls})
    head = [
        f"**{n_calls} calls, {n_turns} turns** ({written / max(n_turns, 1):.0%} of turns written as "
        f"free text), {len({c.family for c in calls})} scenario families, "
        f"{len({c.industry for c in calls})} industries, {len({c.call_type for c in calls})} call types.",
        f"Turns per call: min {lengths[0]}, median {lengths[len(lengths) // 2]}, max {lengths[-1]}. "
        f"Multi-act turns: {sum(len(t.acts) > 1 for t in turns)}. Flagged turns: {flagged}.",
    ] if calls else ["The corpus is empty."]
    by_split = ["| split | calls | turns | families |", "|---|---:|---:|---:|"] + [
        f"| {s} | {split_calls[s]} | {split_turns[s]} | "
        f"{len({c.family for c in calls if c.split == s})} |" for s in SPLITS if s in split_calls]
    role_turns = Counter(t.role.value for t in turns)
    act_rows = ["| role: act | turns with the act | as dominant act |", "|---|---:|---:|"] + [
        f"| {k} | {acts[k]} | {dominant[k]} |" for k in
        [f"{r.value}: {a}" for r in (Role.REP, Role.CLIENT, Role.OTHER) for a in ACTS[r]] if acts[k]]
    return "\n\n".join(["\n".join(head), "\n".join(by_split), _table("role", role_turns, n_turns),
                        "\n".join(act_rows), _table("pacing", Counter(c.pacing for c in calls), n_calls),
                        _table("industry", Counter(c.industry for c in calls)),
                        _table("call type", Counter(c.call_type for c in calls)),
                        _table("source", Counter(c.source for c in calls))]) + "\n"


def load_second_labels(path: str | Path) -> dict[str, list[tuple[str, ...]]]:
    """call_id -> acts per turn, from ``*.jsonl`` files of ``{"call_id", "turns": [{"acts"}]}``."""
    import json

    out = {}
    p = Path(path)
    for f in sorted(p.glob("*.jsonl")) if p.is_dir() else [p]:
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out[obj["call_id"]] = [tuple(t["acts"]) for t in obj["turns"]]
    return out


def agreement(calls: Sequence[LabelledCall], second: dict[str, list[tuple[str, ...]]]) -> str:
    """Cohen's kappa between the corpus labels and an independent second labelling, per role,
    on the dominant act and on each act's presence; plus the confusions, as Markdown."""
    from sklearn.metrics import cohen_kappa_score

    pairs: dict[Role, list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
    n_calls = 0
    for c in calls:
        if c.call_id not in second or len(second[c.call_id]) != len(c.turns):
            continue
        n_calls += 1
        for t, acts in zip(c.turns, second[c.call_id]):
            if t.role is not Role.OTHER:
                pairs[t.role].append((t.acts, acts))
    rows = ["| role | turns | kappa, dominant act | agreement, dominant act | kappa, act present (mean over acts) |",
            "|---|---:|---:|---:|---:|"]
    confusions = Counter()
    for role in (Role.REP, Role.CLIENT):
        ps = pairs.get(role, [])
        if not ps:
            continue
        a, b = [x[0][0] for x in ps], [x[1][0] for x in ps]
        confusions.update(f"{role.value}: {x} / {y}" for x, y in zip(a, b) if x != y)
        present = []
        for act in ACTS[role]:
            xa, xb = [act in x[0] for x in ps], [act in x[1] for x in ps]
            if any(xa) or any(xb):
                present.append(cohen_kappa_score(xa, xb))
        rows.append(f"| {role.value} | {len(ps)} | {cohen_kappa_score(a, b):.3f} | "
                    f"{sum(x == y for x, y in zip(a, b)) / len(ps):.1%} | "
                    f"{sum(present) / len(present):.3f} |")
    top = ["| first label / second label (dominant act) | turns |", "|---|---:|"] + [
        f"| {k} | {n} |" for k, n in confusions.most_common(12)]
    return (f"Second labelling: {n_calls} calls labelled twice, independently.\n\n"
            + "\n".join(rows) + "\n\nMost frequent disagreements:\n\n" + "\n".join(top)
            + "\n\n" + human_ceiling(calls, second) + "\n")


def human_ceiling(calls: Sequence[LabelledCall], second: dict[str, list[tuple[str, ...]]]) -> str:
    """The second labelling scored against the first as if it were a model: the F1 a tool can
    hope for when its reference labels are one careful annotator's."""
    counts: dict[str, Counter] = defaultdict(Counter)
    flag_c, call_c = Counter(), Counter()
    for c in calls:
        other = second.get(c.call_id)
        if not other or len(other) != len(c.turns):
            continue
        roles = [t.role for t in c.turns]
        for t, acts in zip(c.turns, other):
            for act in ACTS[t.role] if t.role is not Role.OTHER else ():
                k = counts[f"{t.role.value}: {act}"]
                k["tp"] += act in t.acts and act in acts
                k["fp"] += act in acts and act not in t.acts
                k["fn"] += act in t.acts and act not in acts
        f1, f2 = flags(roles, [t.acts for t in c.turns]), flags(roles, list(other))
        for a, b in zip(f1, f2):
            flag_c["tp"] += bool(a) and bool(b)
            flag_c["fp"] += bool(b) and not a
            flag_c["fn"] += bool(a) and not b
        call_c["tp"] += any(f1) and any(f2)
        call_c["fp"] += any(f2) and not any(f1)
        call_c["fn"] += any(f1) and not any(f2)

    def f1(c: Counter) -> float:
        return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] + c["fp"] + c["fn"] else 0.0

    disc = sum(f1(counts[f"rep: {a}"]) for a in ("situation", "change", "goals", "gaps", "educate")) / 5
    rows = ["| human ceiling: second labels scored against the first | F1 |", "|---|---:|",
            f"| rep discovery macro-F1 (situation, change, goals, gaps, educate) | {disc:.3f} |"]
    rows += [f"| {k} | {f1(counts[k]):.3f} |" for k in
             ("rep: pitch", "rep: pressure", "client: need", "client: ask")]
    rows += [f"| flagged turns | {f1(flag_c):.3f} |", f"| premature calls | {f1(call_c):.3f} |"]
    return "\n".join(rows)
