#!/usr/bin/env python3
"""Checks the report of grading the untouched stubs: complete, 0 points, every test not attempted.

Usage: python3 scripts/check-stub-report.py GRADER_REPORT_DIR
"""
import json
import os
import sys


def main(report_dir):
    with open(os.path.join(report_dir, "plan.json")) as f:
        plan = json.load(f)
    with open(os.path.join(report_dir, "results.json")) as f:
        results = json.load(f)
    planned = len(plan["tests"])
    # Free answers appear as 0-point entries tagged "not graded"; they are not graded tests.
    tests = [t for t in results["tests"] if "not graded" not in t.get("tags", [])]
    # Group 0 (the rules the code must follow, 0 points) holds for the untouched stubs too.
    rules = [t for t in tests if "Rules your code must follow" in t.get("tags", [])]
    tests = [t for t in tests if t not in rules]
    problems = []
    broken = [t["name"] + ": " + t.get("output", "")[:160] for t in rules if t.get("status") != "passed"]
    if broken:
        problems.append("the stubs break a rule of group 0:\n  " + "\n  ".join(broken))
    if planned == 0:
        problems.append("the plan lists no graded test")
    if len(tests) + len(rules) != planned:
        problems.append(f"results.json has {len(tests) + len(rules)} graded tests but the plan has {planned}")
    if results["score"] != 0:
        problems.append(f"the stubs scored {results['score']}, not 0")
    not_attempted = [t for t in tests if "not attempted" in t.get("output", "")]
    if len(not_attempted) != len(tests):
        others = [t["name"] + ": " + t.get("output", "")[:120] for t in tests if t not in not_attempted]
        problems.append("tests not reported as 'not attempted':\n  " + "\n  ".join(others))
    for name in ("summary.md",):
        if not os.path.exists(os.path.join(report_dir, name)):
            problems.append(f"{name} is missing")
    if problems:
        print("stub report check FAILED:\n- " + "\n- ".join(problems))
        return 1
    print(f"stub report check: {len(tests)} graded tests, score 0, all not attempted; "
          f"{len(rules)} rule checks passed; reports complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
