"""Assign train/dev/test splits by scenario family, in place, deterministically.

Within each writer's file, families are ordered by a hash of their name and filled into test
(about 18% of the file's calls), then dev (about 14%), the rest train; so every writer's voice
is in every split but no family is in two. Families that hold generated or augmented calls never
go to test. Files whose calls already carry a split (the fresh held-out writers w9-w26 and
w31-w34, written for the test split; the role-training writers w27-w30, written for train) are
left as they are. Run from the repository root:  python data/tools/assign_splits.py data/corpus
"""
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

TEST, DEV = 0.18, 0.14
WRITTEN_WITH_SPLIT = tuple(f"w{i}" for i in range(9, 35))  # test, or train for w27-w30


def assign(path: Path) -> None:
    calls = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if all(c.get("split") for c in calls) and path.stem in WRITTEN_WITH_SPLIT:
        return
    families = defaultdict(list)
    for c in calls:
        families[c["family"]].append(c)
    order = sorted(families, key=lambda f: hashlib.sha1(f.encode()).hexdigest())
    n, test, dev = len(calls), 0, 0
    for fam in order:
        members = families[fam]
        written = all(c["source"] == "written" for c in members)
        if written and test < TEST * n:
            split, test = "test", test + len(members)
        elif dev < DEV * n:
            split, dev = "dev", dev + len(members)
        else:
            split = "train"
        for c in members:
            c["split"] = split
    keys = ["call_id", "split", "family", "industry", "call_type", "source", "pacing", "turns"]
    lines = [json.dumps({k: c[k] for k in keys if k in c} | {k: v for k, v in c.items() if k not in keys},
                        ensure_ascii=False) for c in calls]
    path.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    for f in sorted(Path(sys.argv[1]).glob("*.jsonl")):
        assign(f)
