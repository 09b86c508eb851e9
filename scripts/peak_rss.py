#!/usr/bin/env python3
"""Runs a command and reports the peak resident memory of its whole process tree.

GNU time's "Maximum resident set size" is the largest single process; a grading run is several
(Maven's JVM with the supervisor, the test JVMs), alive at once. This samples /proc every 20 ms,
sums the RSS of the command and all its descendants, and prints the largest sum seen and the
largest single process. Linux only.

Usage: scripts/peak_rss.py COMMAND [ARGS...]   (prints: peak tree RSS, largest process, exit status)
"""

import os
import subprocess
import sys
import time


def children_of():
    """Parent pid -> child pids, from /proc."""
    tree = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            tree.setdefault(int(fields[1]), []).append(int(pid))
        except (OSError, IndexError):
            continue
    return tree


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(root, tree):
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, []))
    return out


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    proc = subprocess.Popen(argv)
    peak_tree = peak_one = 0
    while proc.poll() is None:
        sizes = [rss_kib(p) for p in descendants(proc.pid, children_of())]
        peak_tree = max(peak_tree, sum(sizes))
        peak_one = max(peak_one, max(sizes, default=0))
        time.sleep(0.02)
    print(f"peak RSS of the process tree: {peak_tree / 1024:.0f} MiB; largest single process: "
          f"{peak_one / 1024:.0f} MiB; exit status {proc.returncode}", file=sys.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
