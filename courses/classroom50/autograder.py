#!/usr/bin/env python3
"""ParamLab's autograder for Classroom 50 (standard library only).

Classroom 50 runs `python3 autograder.py` with the student's checkout as the current folder and this
bundle in $CLASSROOM50_BUNDLE_DIR (the folder of this file when unset). This launcher:

1. fetches the grader's libraries into the bundle's lib/ (pinned SHA-256 each, from a local Maven
   repository, else Maven Central, else the mirrors of the bundle's library-sources.txt, each with bounded
   retries and timeouts: fetch_libraries.py), since a Classroom 50 bundle may not exceed 10 MiB;
2. grades the checkout with the pristine grader of this bundle, in trusted mode: only the student's
   exercises/src/main/java/org/paramlab/nn/*.java files are compiled and graded, everything else of the
   checkout is listed as ignored (org.paramlab.courses.GradeSubmission);
3. enforces its own time limit (12 minutes in all; the job dies at 15 with no result), killing the whole
   process group of the grader when it is reached;
4. writes ./release-body.md (the score table and the feedback, at most 60,000 characters), the status and
   summary to $GITHUB_OUTPUT, and ./result.json last, in the classroom50/result/v1 schema: one test per
   exercise, with whole numbers of tenths of a point (Classroom 50 accepts whole numbers only; ParamLab's
   points include halves), and the sums computed here.

It exits with 0 whenever the grading ran, whatever the grade (a submission that does not compile scores 0
with the compiler's messages); with 1 only when the grading itself could not run (no Java, libraries that
cannot be fetched), which Classroom 50 reports as an infrastructure error.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLE = os.environ.get("CLASSROOM50_BUNDLE_DIR") or HERE
TOTAL_SECONDS = int(os.environ.get("PARAMLAB_TOTAL_SECONDS", str(12 * 60)))
SCALE = 10  # result.json counts tenths of a point
BODY_LIMIT = 60000
NAME_LIMIT = 100


def java_command():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    return shutil.which("java")


def classpath():
    parts = [os.path.join(BUNDLE, "classes", name) for name in (
        "courses", "grader-supervisor", "grader-test-jvm", "grader-protocol", "tensor")]
    parts.append(os.path.join(BUNDLE, "lib", "*"))
    return os.pathsep.join(parts)


def grade(deadline, out):
    java = java_command()
    if java is None:
        raise RuntimeError("no java on this runner: set runtime {\"java\": \"17\"} in assignments.json")
    budget = max(60, int(deadline - time.monotonic()) - 120)
    command = [java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(),
               "org.paramlab.courses.GradeSubmission", "--bundle", BUNDLE, "--submission", os.getcwd(),
               "--out", out, "--id", os.environ.get("SUBMISSION_TAG", "submission"), "--budget", str(budget)]
    with open(os.path.join(out, "grader.log"), "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            process.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with open(os.path.join(out, "grader.log"), "rb") as log:
        sys.stdout.write(log.read().decode("utf-8", "replace")[-20000:])
    results = os.path.join(out, "results.json")
    if not os.path.isfile(results):
        raise RuntimeError("the grader wrote no results (exit status %s); see the log above" % process.returncode)
    with open(results, encoding="utf-8") as f:
        return json.load(f)


def clean(text, limit_bytes):
    """One line without control characters, at most limit_bytes bytes of UTF-8."""
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c == " ")
    data = text.encode("utf-8")[:limit_bytes]
    return data.decode("utf-8", "ignore")


def tests_of(results):
    tests = []
    for exercise in results.get("extra_data", {}).get("exercises", []):
        earned = int(round(exercise["earned"] * SCALE))
        maximum = int(round(exercise["max"] * SCALE))
        tests.append({
            "test-name": clean(exercise["id"] + " " + exercise["title"], NAME_LIMIT),
            "passed": bool(exercise["passed"]),
            "score": max(0, min(earned, maximum)),
            "max-score": maximum,
        })
    return tests


def fenced(text):
    """The text as a fenced code block whose fence is longer than any run of backticks in it: nothing in it
    becomes a heading, a link, HTML or a comment of the release page."""
    text = "".join(c for c in text.replace("\r\n", "\n").replace("\r", "\n")
                   if c in "\n\t" or unicodedata.category(c)[0] != "C")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}\n"


def body(results, out):
    summary_file = os.path.join(out, "summary.md")
    if os.path.isfile(summary_file):
        summary = open(summary_file, encoding="utf-8").read()  # escaped by the grader (Markdown.java)
    else:
        summary = fenced(results.get("output", ""))
    head = ("_ParamLab reports points in tenths in Classroom 50 (whole numbers only): 25 is 2.5 points, "
            "1000 is 100 points. Only your files in exercises/src/main/java/org/paramlab/nn/ were graded._\n\n")
    return cut(head + summary, BODY_LIMIT)


CUT_NOTE = "\n_(cut here: the feedback is longer than a release may show)_\n"
FENCE = re.compile(r"^( *)(`{3,}|~{3,})(.*)$")


def open_fence(text):
    """The line that closes the fenced code block still open at the end of the Markdown text, or None when
    none is open. A fence opens on a line of three or more backticks or tildes (after spaces, as in a list
    item) and closes on a line of the same character, at least as long, with nothing after it (CommonMark)."""
    opened = None  # (indent, fence)
    for line in text.split("\n"):
        match = FENCE.match(line)
        if not match:
            continue
        indent, fence, rest = match.groups()
        if opened is None:
            if not (fence[0] == "`" and "`" in rest):  # a backtick fence's info string has no backtick
                opened = (indent, fence)
        elif fence[0] == opened[1][0] and len(fence) >= len(opened[1]) and not rest.strip():
            opened = None
    return None if opened is None else opened[0] + opened[1]


def cut(text, limit):
    """The text if it fits in limit characters; else its first whole lines, the code block they leave open
    closed (else the note would be shown as code), and a note that the feedback was cut, all in limit."""
    if len(text) <= limit:
        return text
    keep = limit - len(CUT_NOTE) - 1
    while True:
        if keep <= 0:
            return CUT_NOTE.strip() + "\n"
        end = text.rfind("\n", 0, keep + 1)  # whole lines, unless the last one is very long
        kept = text[:end + 1] if end > keep - 1000 else text[:keep]
        if not kept.endswith("\n"):
            kept += "\n"
        fence = open_fence(kept)
        result = kept + (fence + "\n" if fence else "") + CUT_NOTE
        if len(result) <= limit:
            return result
        keep -= len(result) - limit


def write_outputs(result):
    output = os.environ.get("GITHUB_OUTPUT")
    if not output:
        return
    status = "success" if result["score"] == result["max-score"] else "failure"
    with open(output, "a", encoding="utf-8") as f:
        f.write(f"status={status}\n")
        f.write(f"summary=ParamLab: {result['score'] / SCALE:g}/{result['max-score'] / SCALE:g} points\n")


def main():
    deadline = time.monotonic() + TOTAL_SECONDS
    sys.path.insert(0, BUNDLE)
    import fetch_libraries  # the bundle's own copy
    try:
        # the libraries may take at most 6 minutes (fetch_libraries.FETCH_SECONDS), and leave the grading 4
        fetch_libraries.fetch(BUNDLE, deadline=min(time.monotonic() + fetch_libraries.FETCH_SECONDS,
                                                   deadline - 240))
    except OSError as e:
        print(f"ParamLab: the grading could not run: the grader's libraries could not be fetched: {e}. "
              "Nothing was graded and no release is published: push again later; an instructor can add a "
              "mirror of the libraries (make-classroom50-autograder.sh --library-mirror)", file=sys.stderr)
        return 1
    try:
        out = tempfile.mkdtemp(prefix="paramlab-")
        results = grade(deadline, out)
    except (OSError, RuntimeError) as e:
        print(f"ParamLab: the grading could not run: {e}", file=sys.stderr)
        return 1
    tests = tests_of(results)
    result = {
        "schema": "classroom50/result/v1",
        "classroom": os.environ.get("CLASSROOM", ""),
        "assignment": os.environ.get("ASSIGNMENT", ""),
        "submission": os.environ.get("SUBMISSION_TAG", ""),
        "commit": os.environ.get("COMMIT_URL", ""),
        "release": os.environ.get("RELEASE_URL", ""),
        "review": os.environ.get("REVIEW_URL", ""),
        "owner": os.environ.get("OWNER", ""),
        "assignment_type": os.environ.get("ASSIGNMENT_TYPE", ""),
        "datetime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "score": sum(t["score"] for t in tests),
        "max-score": sum(t["max-score"] for t in tests),
        "tests": tests,
    }
    with open("release-body.md", "w", encoding="utf-8") as f:
        f.write(body(results, out))
    write_outputs(result)
    partial = "result.json.part"
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    os.replace(partial, "result.json")  # last, as Classroom 50 expects
    print(f"ParamLab: {result['score']}/{result['max-score']} tenths of a point; result.json written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
