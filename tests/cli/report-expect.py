#!/usr/bin/python3
# SPDX-License-Identifier: EUPL-1.2
"""Computes, from salkku's JSON export of a portfolio, what `salkku
report --year Y` must say, without salkku's code: which projects are
active in the year, and the counts and sums of the key figures.  Prints
"name value" lines for tests/cli/report.sh to compare."""
import json
import sys

doc = json.load(open(sys.argv[1]))
year = int(sys.argv[2])
today = sys.argv[3]
lo, hi = "%04d-01-01" % year, "%04d-12-31" % year
# Statuses whose span ends at the last status change: ended, or an idea
# that does not run on by itself.
ended = {"closed", "cancelled", "withdrawn", "rejected", "idea"}

def children(kind, uuid):
    return [r for r in doc[kind].values() if r["project"] == uuid]

def inside(d):
    return d is not None and lo <= d <= hi

active = []
for uuid, p in doc["projects"].items():
    hist = sorted(children("status_changes", uuid), key=lambda s: s["date"])
    start = p.get("actual_start") or p.get("planned_start") or \
        (hist[0]["date"] if hist else None)
    end = p.get("actual_end") or p.get("planned_end") or \
        (hist[-1]["date"] if hist and p["status"] in ended else None)
    span = (start or end) and (start is None or start <= hi) and \
        (end is None or end >= lo)
    moved = any(inside(s["date"]) for s in hist)
    due = any(inside(d["due"]) or inside(d.get("done_date"))
              for d in children("deadlines", uuid))
    money = any(inside(f.get("applied_date")) or inside(f.get("decision_date"))
                or f.get("year") == year for f in children("funding", uuid))
    if span or moved or due or money:
        active.append(uuid)

print("active", len(active))
print("codes", ",".join(sorted(doc["projects"][u]["code"] for u in active)))
granted = sum(f.get("granted") or 0 for u in active
              for f in children("funding", u))
print("person_years", "%.2f" % sum(doc["projects"][u].get("person_years") or 0
                                   for u in active))
outcomes = [o for u in active for o in children("outcomes", u)
            if o.get("date") is None or inside(o["date"])]
print("outcomes", len(outcomes))
on_time = late = missed = still = coming = 0
for u in active:
    for d in children("deadlines", u):
        if d["due"] > hi and not d.get("done"):
            coming += 1
        elif inside(d["due"]):
            if d.get("done") and (d.get("done_date") or d["due"]) <= d["due"]:
                on_time += 1
            elif d.get("done"):
                late += 1
            elif d["due"] < today:
                missed += 1
            else:
                still += 1
print("on_time", on_time)
print("late", late)
print("missed", missed)
print("open", still)
print("coming", coming)
