#!/usr/bin/env python3
"""Does the score follow quality or length? Prints, per grade and weighted over
grades, the Spearman correlation of score against word count within a grade
(near 0 is good; a word counter gets 1.00).

usage: length-dependence.py REPORT.json LABELS.yaml ANSWERS_DIR

score.py is imported from $SHARED/eval (default: ../shared beside the checkout).
"""
import json, os, re, sys
import yaml

# score.py lives in ../shared/eval beside the checkout ($SHARED overrides ../shared).
shared = os.environ.get("SHARED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
sys.path.insert(0, os.path.join(shared, "eval"))
from score import spearman  # noqa: E402

report = {a["id"]: a for a in json.load(open(sys.argv[1]))["answers"]}
by = {}
for label in yaml.safe_load(open(sys.argv[2])):
    a = report.get(str(label["id"]))
    if not a or a.get("score") is None:
        continue
    text = open(os.path.join(sys.argv[3], f"{label['id']}.md"), encoding="utf-8").read()
    by.setdefault(label["grade"], []).append((a["score"], len(re.findall(r"\w+", text))))
total = n = 0
for grade in sorted(by):
    rows = by[grade]
    if len(rows) < 4:
        continue
    r = spearman([s for s, _ in rows], [w for _, w in rows])
    if r is None:
        continue
    print(f"grade {grade}: n={len(rows):3d}  spearman(score, words) = {r:+.2f}")
    total += len(rows) * r
    n += len(rows)
if n:
    print(f"within-grade spearman(score, words), weighted: {total / n:+.2f}")
