#!/usr/bin/env python3
"""Fetches the libraries of a pristine ParamLab grader into its lib/ folder (standard library only).

Usage: python3 fetch_libraries.py [BUNDLE_DIR]    (default: the folder of this script)

Each line of BUNDLE_DIR/libraries.txt is "<path in Maven Central> <sha256>". A library already in lib/
with the right hash is kept; else it is copied from a local Maven repository ($PARAMLAB_MAVEN_REPO, then
~/.m2/repository) when one holds it with the right hash; else it is downloaded from Maven Central
($PARAMLAB_MAVEN_CENTRAL overrides the address). Every file is checked against its SHA-256 before it is
used: a library that does not match is an error, never a silent substitute. Exit status 0 when every
library is in place, 1 otherwise (with the reason on standard error).
"""
import hashlib
import os
import shutil
import sys
import time
import urllib.request

CENTRAL = os.environ.get("PARAMLAB_MAVEN_CENTRAL", "https://repo.maven.apache.org/maven2/")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def local_repositories():
    repos = []
    if os.environ.get("PARAMLAB_MAVEN_REPO"):
        repos.append(os.environ["PARAMLAB_MAVEN_REPO"])
    repos.append(os.path.join(os.path.expanduser("~"), ".m2", "repository"))
    return repos


def download(url, target):
    last = None
    for attempt in range(3):
        try:
            with urllib.request.urlopen(url, timeout=120) as response, open(target, "wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
            return
        except OSError as e:  # URLError and socket errors
            last = e
            time.sleep(2 * (attempt + 1))
    raise OSError(f"cannot download {url}: {last}")


def fetch(bundle):
    lib = os.path.join(bundle, "lib")
    os.makedirs(lib, exist_ok=True)
    with open(os.path.join(bundle, "libraries.txt"), encoding="utf-8") as f:
        wanted = [line.split() for line in f if line.strip()]
    downloaded = 0
    for path, expected in wanted:
        target = os.path.join(lib, os.path.basename(path))
        if os.path.isfile(target) and sha256(target) == expected:
            continue
        for repo in local_repositories():
            candidate = os.path.join(repo, *path.split("/"))
            if os.path.isfile(candidate) and sha256(candidate) == expected:
                shutil.copyfile(candidate, target)
                break
        else:
            partial = target + ".part"
            download(CENTRAL + path, partial)
            os.replace(partial, target)
            downloaded += os.path.getsize(target)
        actual = sha256(target)
        if actual != expected:
            os.remove(target)
            raise OSError(f"{path}: SHA-256 {actual} is not the pinned {expected}; refusing it")
    return len(wanted), downloaded


def main(argv):
    bundle = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    start = time.monotonic()
    try:
        count, downloaded = fetch(bundle)
    except OSError as e:
        print(f"ParamLab: the grader's libraries could not be fetched: {e}", file=sys.stderr)
        return 1
    print(f"ParamLab: {count} libraries in place ({downloaded / 1e6:.1f} MB downloaded) in "
          f"{time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
