"""The model bundle in ``models/``: the spaCy pipeline directory, the pacing forest as numpy
arrays, the role model, and ``meta.json`` (library versions, feature names, the corpus hash,
held-out scores, and a SHA-256 of every file). Loading checks all of it and says how to fix a
mismatch.

No file of the bundle is a pickle, so loading one runs no code of its own; a file whose hash
does not match the metadata shipped with it was changed or belongs to another bundle, and is
only loaded when the caller trusts it explicitly.
"""
from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import __version__
from .errors import DetectorError
from .features import FEATURE_NAMES
from .pacing import Forest
from .paths import models_dir
from .reading import MAX_CALL_CHARS
from .roles import RoleModel

PIPELINE, PACING_FILE, META = "pipeline", "pacing.npz", "meta.json"


class BundleError(DetectorError):
    pass


@dataclass(frozen=True)
class Bundle:
    nlp: Language
    pacing: Forest
    roles: RoleModel
    meta: dict


def versions() -> dict[str, str]:
    """The libraries a bundle was trained with (scikit-learn is needed to train, not to score)."""
    import sklearn

    return {"detector": __version__, "spacy": spacy.__version__, "scikit-learn": sklearn.__version__,
            "python": platform.python_version()}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): sha256(p) for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != META}


def save(root: str | Path, nlp: Language, pacing_model: Forest, meta: dict) -> None:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(root / PIPELINE)
    pacing_model.to_disk(root / PACING_FILE)
    full = {"versions": versions(), "feature_names": list(FEATURE_NAMES), **meta,
            "files": file_hashes(root)}
    (root / META).write_text(json.dumps(full, indent=1) + "\n", "utf-8")


def load(root: str | Path | None = None, *, trust: bool = False) -> Bundle:
    root = Path(root) if root else models_dir()
    meta_path = root / META
    if not meta_path.exists():
        raise BundleError(f"{root}: no trained model bundle ({META} is missing). Run "
                          "'detector train' to build it from data/corpus")
    meta = json.loads(meta_path.read_text("utf-8"))
    _check_versions(root, meta)
    if tuple(meta.get("feature_names", ())) != FEATURE_NAMES:
        raise BundleError(f"{root}: the pacing model was trained on other call features than "
                          "this version computes. Retrain with 'detector train'")
    if not (root / PACING_FILE).exists():
        raise BundleError(f"{root}: {PACING_FILE} is missing, so the bundle is incomplete or "
                          "was built by an older version of the tool. Retrain with 'detector "
                          "train'")
    if not trust:
        for name, digest in meta.get("files", {}).items():
            path = root / name
            if not path.exists() or sha256(path) != digest:
                raise BundleError(f"{path}: the file does not match the hash recorded in "
                                  f"{META}, so it was changed or comes from another bundle. "
                                  "Retrain with 'detector train', or pass --trust-model if you "
                                  "know where it came from")
    nlp = spacy.load(root / PIPELINE)
    # spaCy's default cap guards its parser's memory, which this pipeline does not run; the
    # length of a call is capped when it is read
    nlp.max_length = MAX_CALL_CHARS + 1
    return Bundle(nlp, Forest.from_disk(root / PACING_FILE), RoleModel.load(root / "roles.json"),
                  meta)


def _check_versions(root: Path, meta: dict) -> None:
    w, h = meta.get("versions", {}).get("spacy", "?"), spacy.__version__
    if w.split(".")[:2] != h.split(".")[:2]:
        raise BundleError(f"{root}: the models were trained with spacy {w} but {h} is "
                          f"installed. Install spacy=={w}, or retrain with 'detector train'")


def record_scores(root: str | Path | None, scores: dict) -> None:
    """Add held-out scores to meta.json (the file hashes do not cover meta.json itself)."""
    path = (Path(root) if root else models_dir()) / META
    meta = json.loads(path.read_text("utf-8"))
    meta["held_out_scores"] = scores
    path.write_text(json.dumps(meta, indent=1) + "\n", "utf-8")


@lru_cache(maxsize=2)
def cached(root: str | None = None, trust: bool = False) -> Bundle:
    """One bundle per process (and per worker): loading costs far more than scoring a call."""
    return load(root, trust=trust)
