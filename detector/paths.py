"""Where the shipped models live: ``models/`` beside the package in a checkout, the installed
copy otherwise; ``DETECTOR_MODELS`` overrides both."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def models_dir() -> Path:
    if os.environ.get("DETECTOR_MODELS"):
        return Path(os.environ["DETECTOR_MODELS"])
    checkout = Path(__file__).resolve().parent.parent / "models"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("detector").joinpath("models")))


def model_file(name: str) -> Path:
    return models_dir() / name
