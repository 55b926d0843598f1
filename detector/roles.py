"""Who is the rep and who the client.

Evidence, strongest first: ``--rep NAME``; a role the source declares (a role column, Gong's
Internal/External, Teams' "(Guest)"); a speaker label that names a role ("Agent", "Customer");
otherwise inference from what each speaker says and does. Inference scores every speaker with a
logistic model over named features (introducing a company, "our" offer, selling words, discovery
questions, client-side phrases, pronouns, who asks, who opens, talk share), each taken relative
to the other speakers of the call, and records the probability as the confidence. The model's
coefficients are trained on the corpus by ``detector train`` and shipped as JSON in ``models/``.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from .errors import DetectorError
from .formats.roles_in_labels import role_from_word
from .patterns import any_of
from .transcript import Role, RoleBy, Speaker, Turn

_BASE = (
    "opens_call", "word_share", "turn_share", "question_rate", "you_rate", "i_rate", "we_rate",
    "intro_cues", "offer_cues", "selling_cues", "discovery_cues", "client_cues", "lexical",
)
# Each base feature twice: as the speaker's own value and relative to the other speakers'.
ROLE_FEATURES = tuple(f"{f}_own" for f in _BASE) + tuple(f"{f}_vs_others" for f in _BASE)
_TOKEN = re.compile(r"[a-z0-9']+")
_CUE_KINDS = ("intro", "offer", "selling", "discovery", "client")
# Most calls have one rep: a speaker beyond the most rep-like one needs more evidence to be a
# second rep (0.6-0.7 was best in a 5-fold cross-validation by family).
SECOND_REP = 0.65
EVIDENCE_WORDS = 40.0  # 20-80 were equal in a 5-fold cross-validation by family
_COMPANION_OWN = 0.4  # 0.3-0.45 was best in a 5-fold cross-validation by family
_COMPANION_WINDOW = 3  # turns between a companion's introduction and their first words
_JOINT_MAX = 12  # open speakers decided jointly (2**12 assignments); more go one at a time
_PUNCT = re.compile(r"[^\w\s']")
_WH = re.compile(r"^(?:so |and |okay |ok |um |uh )*(?:what|how|why|when|where|who|which|do|does|did|"
                 r"is|are|can|could|would|will|have|has)\b")
# Pronouns counted as the regular expressions \b(?:you|your|yours|you're|youre)\b and the like
# count them, in one pass: "you're" counts as its first word piece, "you".
_PRONOUNS = {**dict.fromkeys(("you", "your", "yours", "youre"), "you"),
             **dict.fromkeys(("i", "my", "me", "mine", "im"), "i"),
             **dict.fromkeys(("we", "our", "us", "ours"), "we")}
_WORD_PIECE = re.compile(r"\w+")


class RoleModelError(DetectorError):
    pass


@lru_cache(maxsize=1)
def cue_patterns() -> dict[str, re.Pattern]:
    data = json.loads(resources.files("detector").joinpath("lexicons/roles.json").read_text("utf-8"))
    return {k: any_of(data[k]) for k in _CUE_KINDS + ("companion", "handoff", "system")}


def _clean(text: str) -> str:
    return _PUNCT.sub(" ", text.lower().replace("’", "'"))


def ngrams(text: str) -> list[str]:
    return _ngrams(_clean(text))


def _ngrams(cleaned: str) -> list[str]:
    toks = _TOKEN.findall(cleaned)
    return toks + list(map(" ".join, zip(toks, toks[1:])))


def lexical_score(cleaned: Sequence[str], lexicon: Mapping[str, float]) -> float:
    """Mean rep-vs-client log-count ratio over the n-grams the lexicon knows, in texts that
    went through `_clean`."""
    hits = [lexicon[g] for c in cleaned for g in _ngrams(c) if g in lexicon]
    return sum(hits) / len(hits) if hits else 0.0


def fit_lexicon(docs: Iterable[tuple[str, bool]], min_count: int = 3,
                min_ratio: float = 0.25) -> dict[str, float]:
    """Smoothed log-count ratios of n-grams in rep text (True) against client text (False)."""
    counts = {True: Counter(), False: Counter()}
    for text, is_rep in docs:
        counts[is_rep].update(ngrams(text))
    vocab = [g for g in set(counts[True]) | set(counts[False])
             if counts[True][g] + counts[False][g] >= min_count]
    n_rep = sum(counts[True][g] for g in vocab) + len(vocab)
    n_cli = sum(counts[False][g] for g in vocab) + len(vocab)
    out = {}
    for g in vocab:
        r = math.log((counts[True][g] + 1) / n_rep) - math.log((counts[False][g] + 1) / n_cli)
        if abs(r) >= min_ratio:
            out[g] = round(r, 3)
    return out


def speaker_features(turns: Sequence[Turn], name: str,
                     lexicon: Mapping[str, float] | None = None) -> dict[str, float]:
    """Absolute features of one speaker over a call (rates are per turn or per word)."""
    mine = [t for t in turns if t.speaker == name]
    words_all = sum(t.n_words for t in turns) or 1
    n = len(mine) or 1
    cleaned = [_clean(t.text) for t in mine]
    words = sum(len(c.split()) for c in cleaned) or 1
    cues = cue_patterns()
    pronouns = Counter(_PRONOUNS.get(w) for c in cleaned for w in _WORD_PIECE.findall(c))
    feats = {
        "opens_call": float(bool(turns) and turns[0].speaker == name),
        "word_share": sum(t.n_words for t in mine) / words_all,
        "turn_share": len(mine) / (len(turns) or 1),
        "question_rate": sum("?" in t.text or bool(_WH.match(c.strip()))
                             for t, c in zip(mine, cleaned)) / n,
        "you_rate": pronouns["you"] / words,
        "i_rate": pronouns["i"] / words,
        "we_rate": pronouns["we"] / words,
    }
    for kind in _CUE_KINDS:
        feats[f"{kind}_cues"] = sum(bool(cues[kind].search(c)) for c in cleaned) / n
    feats["lexical"] = lexical_score(cleaned, lexicon or {})
    return feats


def relative_features(turns: Sequence[Turn], names: Sequence[str],
                      lexicon: Mapping[str, float] | None = None) -> dict[str, list[float]]:
    """Each speaker's features, own and minus the mean of the other speakers', in
    ROLE_FEATURES order."""
    absolute = {n: speaker_features(turns, n, lexicon) for n in names}
    out = {}
    for n in names:
        others = [absolute[o] for o in names if o != n]
        own = [absolute[n][f] for f in _BASE]
        out[n] = own + [absolute[n][f] - (sum(o[f] for o in others) / len(others) if others else 0.0)
                        for f in _BASE]
    return out


@dataclass(frozen=True)
class RoleModel:
    """A standardised logistic regression, stored as plain numbers (no pickle)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    lexicon: Mapping[str, float]

    def p_rep(self, x: Sequence[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in
                                 zip(self.coef, x, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def to_json(self, **metadata) -> str:
        """The model as JSON; `metadata` (training data hash, scores) is stored beside it."""
        return json.dumps({"features": self.features, "mean": self.mean, "scale": self.scale,
                           "coef": self.coef, "intercept": self.intercept, **metadata,
                           "lexicon": dict(sorted(self.lexicon.items()))}, indent=0)

    @classmethod
    def load(cls, path: str | Path) -> "RoleModel":
        data = json.loads(Path(path).read_text("utf-8"))
        if tuple(data.get("features", ())) != ROLE_FEATURES:
            raise RoleModelError(f"{path}: the role model was trained on features "
                                 f"{data.get('features')}, this version computes {ROLE_FEATURES}. "
                                 "Retrain it with 'detector train'")
        return cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]),
                   tuple(data["coef"]), float(data["intercept"]), MappingProxyType(data["lexicon"]))


def fit_role_model(examples: Iterable[tuple[Sequence[Turn], Mapping[str, Role], str]],
                   folds: int = 5) -> RoleModel:
    """Fit on ``(turns, roles, family)`` of calls whose speakers' roles are known; `other`
    speakers are left out. The lexical feature the classifier learns from is cross-fitted:
    each call is scored with a lexicon built from the other families only, so the classifier
    does not learn to trust a score that has seen the call."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    examples = list(examples)
    fold_of = {fam: int(hashlib.sha1(fam.encode()).hexdigest(), 16) % folds
               for _, _, fam in examples}

    def docs(items):
        return [(t.text, roles[t.speaker] is Role.REP) for turns, roles, _ in items for t in turns
                if roles.get(t.speaker) in (Role.REP, Role.CLIENT)]

    X, y = [], []
    for k in range(folds):
        lexicon = fit_lexicon(docs(e for e in examples if fold_of[e[2]] != k))
        for turns, roles, fam in examples:
            if fold_of[fam] != k:
                continue
            names = [n for n in dict.fromkeys(t.speaker for t in turns)
                     if roles.get(n) in (Role.REP, Role.CLIENT)]
            for n, x in relative_features(turns, names, lexicon).items():
                X.append(x)
                y.append(int(roles[n] is Role.REP))
    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=0.5, class_weight="balanced", max_iter=5000,
                             random_state=0).fit(scaler.transform(X), y)
    scale = tuple(float(s) if s > 0 else 1.0 for s in scaler.scale_)
    return RoleModel(ROLE_FEATURES, tuple(map(float, scaler.mean_)), scale,
                     tuple(map(float, clf.coef_[0])), float(clf.intercept_[0]),
                     MappingProxyType(fit_lexicon(docs(examples))))


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def resolve(turns: Sequence[Turn], declared: Mapping[str, Role] | None = None,
            declared_by: RoleBy = RoleBy.AFFILIATION, reps: Sequence[str] = (),
            model: RoleModel | None = None) -> tuple[Speaker, ...]:
    """One `Speaker` per name, in order of first appearance, with how its role was decided."""
    declared = declared or {}
    names = list(dict.fromkeys(t.speaker for t in turns))
    rep_keys = {_key(r) for r in reps}
    by_option = any(_key(n) in rep_keys for n in names)
    decided: dict[str, Speaker] = {}
    for n in names:
        label = role_from_word(n) if n else Role.OTHER
        if label is Role.OTHER:
            decided[n] = Speaker(n, Role.OTHER, RoleBy.NARRATION, 1.0)
        elif by_option:
            role = Role.REP if _key(n) in rep_keys else Role.CLIENT
            decided[n] = Speaker(n, role, RoleBy.OPTION, 1.0)
        elif n in declared:
            decided[n] = Speaker(n, declared[n], declared_by, 1.0)
        elif label is not None:
            decided[n] = Speaker(n, label, RoleBy.LABEL, 0.95)
        elif _system_voice(turns, n):
            decided[n] = Speaker(n, Role.OTHER, RoleBy.NARRATION, 0.9)
    open_names = [n for n in names if n not in decided]
    if open_names:
        decided.update(_infer(turns, names, open_names, decided, model or default_model()))
    return tuple(decided[n] for n in names)


def _system_voice(turns: Sequence[Turn], name: str) -> bool:
    """Phone menus, hold messages and voicemail greetings: most of the speaker's turns say so."""
    system = cue_patterns()["system"]
    mine = [t for t in turns if t.speaker == name]
    return sum(bool(system.search(_clean(t.text))) for t in mine) * 2 > len(mine)


def _infer(turns, names, open_names, decided, model) -> dict[str, Speaker]:
    speaking = [n for n in names if n not in decided or decided[n].role is not Role.OTHER]
    feats = relative_features(turns, speaking, model.lexicon)
    words: dict[str, int] = {}
    for t in turns:
        words[t.speaker] = words.get(t.speaker, 0) + t.n_words
    # A speaker who said three words has given little evidence either way, whatever the model
    # makes of it: pull their probability toward even odds in proportion.
    p = {n: 0.5 + (model.p_rep(feats[n]) - 0.5) * min(1.0, words[n] / EVIDENCE_WORDS)
         for n in open_names}
    known = {n: d.role for n, d in decided.items() if d.role is not Role.OTHER}
    follows = _companions(turns, p, known)
    roles = _assign(p, known, follows, len(speaking))
    sides = _sides(p, known)
    p.update({n: sides[leader] for n, leader in follows.items()})
    return {n: Speaker(n, roles[n], RoleBy.INFERRED,
                       round(p[n] if roles[n] is Role.REP else 1.0 - p[n], 3)) for n in open_names}


def _sides(p, known) -> dict[str, float]:
    """Every speaker's probability of being the rep: declared roles are certain."""
    return {n: (1.0 if r is Role.REP else 0.0) for n, r in known.items()} | dict(p)


def _assign(p, known, follows, n_speaking) -> dict[str, Role]:
    """The most probable joint assignment of the open speakers, under what a sales call looks
    like: someone on each side; each rep beyond the first costs prior odds (most calls have one
    rep); a companion is on their partner's side. Calls with more open speakers than
    `_JOINT_MAX` are decided one speaker at a time under the same prior."""
    open_names = list(p)
    lead = [n for n in open_names if n not in follows]
    extra_rep = math.log((1.0 - SECOND_REP) / SECOND_REP)

    def options():
        if len(lead) <= _JOINT_MAX:
            for bits in itertools.product((Role.REP, Role.CLIENT), repeat=len(lead)):
                yield dict(zip(lead, bits))
        else:
            top = max(lead, key=p.get)
            has_rep = Role.REP in known.values()
            one = {n: Role.REP if p[n] >= (SECOND_REP if n != top or has_rep else 0.5)
                   else Role.CLIENT for n in lead}
            yield one
            yield one | {top: Role.REP}
            yield one | {min(lead, key=p.get): Role.CLIENT}

    def score(a):
        full = dict(known) | a
        full.update({n: full[leader] for n, leader in follows.items()})
        reps = [n for n, r in full.items() if r is Role.REP]
        clients = [n for n, r in full.items() if r is Role.CLIENT]
        feasible = n_speaking < 2 or bool(reps and clients)
        leaders = [n for n in reps if n not in follows]
        lik = sum(math.log(max(p[n] if a[n] is Role.REP else 1.0 - p[n], 1e-9)) for n in a)
        return feasible, lik + extra_rep * max(0, len(leaders) - 1), full

    best = max((score(a) for a in options()), key=lambda s: s[:2])[2]
    return {n: best[n] for n in open_names}


def _companions(turns, p, known) -> dict[str, str]:
    """Pairs of speakers on one side, as ``{follower: leader}``. A turn that hands the call over
    ("I'm putting you through", "let me grab my manager") pairs its speaker with a new speaker
    who answers at once; the one whose own words say less surely which side they are on follows
    the other. A turn that introduces a companion in the first person ("let me introduce Mei,
    she joined our team", "I've got Lukas with me", "my wife is here too") pairs its speaker
    with one of the new speakers heard in the next few turns: the one whose words are most like
    the introducer's side (the other may be the person the introduction was said to), who
    follows the introducer if less sure of their own side."""
    companion, handoff = cue_patterns()["companion"], cue_patterns()["handoff"]
    sides = _sides(p, known)
    if len(sides) < 3:  # with two people, "my manager" names someone who is not on the call
        return {}
    first: dict[str, int] = {}
    for i, t in enumerate(turns):
        first.setdefault(t.speaker, i)
    out: dict[str, str] = {}
    for j, said in enumerate(turns):
        if said.speaker not in sides:
            continue
        text = _clean(said.text)
        nxt = turns[j + 1].speaker if j + 1 < len(turns) else None
        if handoff.search(text) and nxt in sides and first[nxt] == j + 1:
            pair = sorted((nxt, said.speaker), key=lambda n: abs(sides[n] - 0.5))
        elif companion.search(text):
            new = {t.speaker for t in turns[j + 1:j + 1 + _COMPANION_WINDOW]
                   if first[t.speaker] > j and t.speaker in sides}
            if not new:
                continue
            pair = [min(new, key=lambda n: abs(sides[n] - sides[said.speaker])), said.speaker]
        else:
            continue
        a, b = pair
        while b in out:  # follow the chain to its leader: everyone in it is on one side
            b = out[b]
        if (a in p and a not in out and a != b and abs(sides[a] - 0.5) < _COMPANION_OWN
                and abs(sides[a] - 0.5) < abs(sides[b] - 0.5)):
            out.update({n: b for n, m in out.items() if m == a} | {a: b})
    return out


@lru_cache(maxsize=1)
def default_model() -> RoleModel:
    from .paths import model_file

    path = model_file("roles.json")
    if not path.exists():
        raise RoleModelError(f"no role model at {path}. Train it with 'detector train', or name "
                             "the rep with --rep NAME")
    return RoleModel.load(path)
