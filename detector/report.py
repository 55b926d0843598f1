"""`detector report`: a coach's offline HTML report from a `detector score` output folder:
the team at a glance, distribution charts as inline SVG, a sortable table of calls, and one
page per call with its stage timeline and flags. Nothing is loaded from the network."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd

from .errors import DetectorError
from .review import COLOURS, LEGEND, mark

STAGE_FILL = {"cyan": "#4fb3c2", "blue": "#5b7fd6", "yellow": "#e5b000", "red": "#d1343a",
              "green": "#3d9a54", None: "#c9ced8"}
_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")


class ReportError(DetectorError):
    pass


def read_table(path: Path) -> pd.DataFrame:
    """A table `detector score` wrote, with the spreadsheet guard (a leading ') removed."""
    if not path.exists():
        raise ReportError(f"{path}: missing. Give the folder that 'detector score ... --out DIR' "
                          "wrote")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df.apply(lambda col: col.str.replace(_FORMULA, "", regex=True))


def page_name(call_id: str) -> str:
    """A file name safe on every system, unique per call id."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", call_id).strip("-.")[:60] or "call"
    return f"{slug}-{hashlib.sha1(call_id.encode()).hexdigest()[:8]}.html"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


def _histogram(values, bins: int = 10, lo: float = 0, hi: float = 100) -> list[Bar]:
    width = (hi - lo) / bins
    counts = [0] * bins
    for v in values:
        counts[min(int((v - lo) / width), bins - 1)] += 1
    return [Bar(f"{lo + i * width:.0f}-{lo + (i + 1) * width:.0f}", c, str(c))
            for i, c in enumerate(counts)]


def team(calls: pd.DataFrame) -> list[dict]:
    """One row per rep (a call with two reps counts for both)."""
    rows = []
    per_rep = calls.assign(rep=calls["rep_speakers"].str.split(";")).explode("rep")
    for rep, g in per_rep.groupby("rep", sort=True):
        score = g["pacing_score"].astype(float)
        rows.append({"rep": rep or "(unknown)", "calls": len(g),
                     "premature_rate": (g["premature"] == "true").mean(),
                     "median_score": score.median(),
                     "discovery": g["discovery_stages_before_pitch"].astype(float).mean() / 4,
                     "talk_share": g["rep_talk_share"].astype(float).mean()})
    return rows


def build(score_dir: str | os.PathLike, out_dir: str | os.PathLike) -> Path:
    score_dir, out = Path(score_dir), Path(out_dir)
    calls = read_table(score_dir / "calls.csv")
    turns = read_table(score_dir / "turns.csv")
    failures = read_table(score_dir / "failures.csv") if (score_dir / "failures.csv").exists() \
        else pd.DataFrame(columns=["source", "line", "error"])
    env = jinja2.Environment(loader=jinja2.PackageLoader("detector", "templates"),
                             autoescape=jinja2.select_autoescape(default=True),
                             undefined=jinja2.StrictUndefined)
    (out / "calls").mkdir(parents=True, exist_ok=True)
    pages = {cid: page_name(cid) for cid in calls["call_id"]}
    pacing_counts = calls["pacing"].value_counts()
    charts = {
        "scores": _histogram(calls["pacing_score"].astype(float)),
        "pacing": [Bar(p, int(pacing_counts.get(p, 0)), str(int(pacing_counts.get(p, 0))))
                   for p in ("patient", "rushed", "premature", "no_sale")],
    }
    rows = team(calls)
    charts["premature_by_rep"] = [Bar(r["rep"], r["premature_rate"] * 100,
                                      f"{r['premature_rate']:.0%}") for r in rows]
    index = env.get_template("report_index.html").render(
        calls=calls.to_dict("records"), team=rows, charts=charts, pages=pages,
        failures=failures.to_dict("records"))
    _write(out / "index.html", index)
    by_call = {cid: g for cid, g in turns.groupby("call_id", sort=False)}
    template = env.get_template("report_call.html")
    for call in calls.to_dict("records"):
        rows_ = by_call.get(call["call_id"], turns.iloc[:0]).to_dict("records")
        for r in rows_:
            stage, r["symbol"] = mark(r["role"], r["acts"].split(";") if r["acts"] else ["other"],
                                      r["flag"])
            r["fill"] = STAGE_FILL[COLOURS.get(stage) if r["symbol"] != "." else None]
        _write(out / "calls" / pages[call["call_id"]],
               template.render(call=call, turns=rows_, legend=LEGEND, fills=STAGE_FILL))
    return out / "index.html"


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
