#!/usr/bin/env python3
"""Fetches the libraries of a pristine ParamLab grader into its lib/ folder (standard library only).

Usage: python3 fetch_libraries.py [BUNDLE_DIR [LIB_DIR]]    (default: the folder of this script, its lib/)

LIB_DIR elsewhere than BUNDLE_DIR/lib gathers the jars without putting them in the bundle. For a course's
mirror, upload make-classroom50-autograder.sh's OUT_DIR/mirror/ instead: it also holds the slim jars below.

Each line of BUNDLE_DIR/libraries.txt is "<path in Maven Central> <sha256>", optionally followed by a slim
variant of the same library for one platform, "<platform> <file name> <sha256>" (HomeBuilder writes one for
ONNX Runtime: "linux-x64 onnxruntime-1.29.0-linux-x64.jar <sha256>", its native libraries for linux-x64 alone,
11 MB instead of 54 MB). A library already in lib/ with either hash is kept; else it is copied from a
local Maven repository ($PARAMLAB_MAVEN_REPO, then ~/.m2/repository) when one holds it with the right hash;
else, on the slim variant's platform (platform.system() and machine(), or $PARAMLAB_FETCH_PLATFORM, e.g.
linux-x64), the course's own mirrors (1. below) are asked for the slim file, accepted only with its own SHA-256
and saved under the library's own file name, so that the classpath does not change; else (no course mirror,
no such file there, another hash, another platform) the library itself is downloaded, trying each source in
turn:

1. the course's own mirrors, BUNDLE_DIR/library-sources.txt (one URL a line, written by
   make-classroom50-autograder.sh --library-mirror): a GitHub Release of the course's template is on the same
   network as the GitHub Actions runner that grades, so a course with one never waits for Maven Central
   (make-classroom50-autograder.sh writes the files to upload, the slim jars among them, into OUT_DIR/mirror/);
2. Maven Central ($PARAMLAB_MAVEN_CENTRAL overrides the address);
3. the mirrors of $PARAMLAB_LIBRARY_MIRRORS (separated by spaces), a fallback added where the grader runs.
   In a mirror's URL, {file} stands for the jar's file name (a GitHub Release's assets:
   https://github.com/ORG/REPO/releases/download/TAG/{file}) and {path} for its path in a Maven repository;
   a URL with neither is a Maven repository, the path appended.

Each source is asked at most ATTEMPTS (3) times per library, each request with a timeout
($PARAMLAB_FETCH_TIMEOUT seconds without a byte, 30 by default) and a floor on its speed (a download averaging
under $PARAMLAB_FETCH_MIN_RATE bytes a second, 200 kB by default, after 20 s is given up); a source that cannot
be reached, that is too slow, or that failed every attempt is not asked again for the next libraries. The whole
fetch stops at its deadline ($PARAMLAB_FETCH_SECONDS, 360 by default). Every file is checked against its
SHA-256 before it is used: a library that does not match is refused, and the next source tried, never a silent
substitute. When a library cannot be had, the error names it and what each source answered. Exit status 0 when
every library is in place, 1 otherwise (with the reason on standard error).
"""
import hashlib
import http.client
import os
import platform
import shutil
import socket
import sys
import time
import urllib.error
import urllib.request

CENTRAL = os.environ.get("PARAMLAB_MAVEN_CENTRAL", "https://repo.maven.apache.org/maven2/")
SOURCES_FILE = "library-sources.txt"
ATTEMPTS = 3
TIMEOUT = float(os.environ.get("PARAMLAB_FETCH_TIMEOUT", "30"))
MIN_RATE = float(os.environ.get("PARAMLAB_FETCH_MIN_RATE", str(200 * 1000)))
RATE_GRACE = float(os.environ.get("PARAMLAB_FETCH_RATE_GRACE", "20"))  # seconds before the floor on speed
BACKOFF = float(os.environ.get("PARAMLAB_FETCH_BACKOFF", "2"))  # seconds before the 2nd attempt; 2x before the 3rd
FETCH_SECONDS = float(os.environ.get("PARAMLAB_FETCH_SECONDS", "360"))


class Refused(Exception):
    """The source answered, but not with the library (404, a file that does not match): try the next one."""


class Unreachable(Exception):
    """The source could not be reached, or was too slow: try the next one, and ask this one no more."""


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


def course_sources(bundle):
    """The course's own mirrors (BUNDLE_DIR/library-sources.txt), URL templates in order."""
    course = []
    path = os.path.join(bundle, SOURCES_FILE)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            course += [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]
    return course


def this_platform():
    """This machine's platform as libraries.txt names a slim variant's (linux-x64), or None if not one of those."""
    if os.environ.get("PARAMLAB_FETCH_PLATFORM"):
        return os.environ["PARAMLAB_FETCH_PLATFORM"]
    system, machine = platform.system().lower(), platform.machine().lower()
    if system == "linux" and machine in ("x86_64", "amd64"):
        return "linux-x64"
    return None


def sources(bundle):
    """The download sources, in the order they are tried: (name, url template)."""
    course = course_sources(bundle)
    fallback = os.environ.get("PARAMLAB_LIBRARY_MIRRORS", "").split()
    found = []
    for name, url in [("mirror", u) for u in course] + [("Maven Central", CENTRAL)] + [("mirror", u) for u in fallback]:
        if name == "mirror" and not url.startswith(("https://", "http://", "file:")):
            raise OSError(f"library mirror {url!r} is not an http(s) or file URL")
        if (name, url) not in found:
            found.append((name, url))
    return found


def url_of(template, path):
    if "{file}" in template or "{path}" in template:
        return template.replace("{file}", path.rsplit("/", 1)[-1]).replace("{path}", path)
    return template + ("" if template.endswith("/") else "/") + path


def download_once(url, target, expected, deadline):
    """One request: the file at url into target, checked. Raises Refused, Unreachable, or OSError (transient)."""
    digest = hashlib.sha256()
    start = time.monotonic()
    received = 0
    timeout = max(1.0, min(TIMEOUT, deadline - start))
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(target, "wb") as out:
            read = getattr(response, "read1", response.read)  # what has come, so that speed can be watched
            while True:
                block = read(1 << 16)
                if not block:
                    break
                out.write(block)
                digest.update(block)
                received += len(block)
                now = time.monotonic()
                if now > deadline:
                    raise Unreachable(f"the fetch's deadline passed with {received} bytes received")
                if now - start > RATE_GRACE and received / (now - start) < MIN_RATE:
                    raise Unreachable(f"too slow: {received / (now - start) / 1000:.0f} kB/s")
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) != received:
                raise OSError(f"incomplete: {received} of {length} bytes")
    except urllib.error.HTTPError as e:
        if e.code in (408, 429) or e.code >= 500:
            raise OSError(f"HTTP {e.code}") from e
        raise Refused(f"HTTP {e.code}") from e
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise OSError(f"no answer in {timeout:.0f} s") from e
        if isinstance(reason, (ConnectionRefusedError, socket.gaierror)):
            raise Unreachable(f"cannot connect: {reason}") from e
        if isinstance(reason, FileNotFoundError) or (isinstance(reason, str) and "No such file" in reason):
            raise Refused("no such file") from e
        raise OSError(str(reason)) from e
    except (socket.timeout, TimeoutError) as e:
        raise OSError(f"no byte in {timeout:.0f} s") from e
    except http.client.HTTPException as e:
        raise OSError(f"{type(e).__name__}: {e}") from e
    if digest.hexdigest() != expected:
        raise Refused(f"SHA-256 {digest.hexdigest()} is not the pinned {expected}")


def download(path, expected, target, candidates, dead, deadline, log):
    """The library from the first source that gives it, retrying each a bounded number of times."""
    answers = []
    partial = target + ".part"
    for name, template in candidates:
        url = url_of(template, path)
        if template in dead:
            answers.append(f"{name} {url}: not asked ({dead[template]})")
            continue
        for attempt in range(1, ATTEMPTS + 1):
            if time.monotonic() > deadline:
                answers.append(f"{name} {url}: not asked (the fetch's deadline passed)")
                break
            try:
                download_once(url, partial, expected, deadline)
                os.replace(partial, target)
                if name != "Maven Central":
                    log(f"ParamLab: {os.path.basename(path)} from {url}")
                return
            except Refused as e:
                answers.append(f"{name} {url}: {e}")
                log(f"ParamLab: {url}: {e}; trying the next source")
                break
            except Unreachable as e:
                dead[template] = str(e)
                answers.append(f"{name} {url}: {e}")
                log(f"ParamLab: {url}: {e}; trying the next source, and asking {name} no more")
                break
            except OSError as e:
                message = f"{type(e).__name__}: {e}" if not str(e) else str(e)
                if attempt == ATTEMPTS:
                    answers.append(f"{name} {url}: {message} ({ATTEMPTS} attempts)")
                    dead[template] = f"{ATTEMPTS} failed requests for {os.path.basename(path)}"
                    log(f"ParamLab: {url}: {message}; {ATTEMPTS} attempts failed, trying the next source")
                else:
                    log(f"ParamLab: {url}: {message}; trying again")
                    time.sleep(min(BACKOFF * attempt, max(0.0, deadline - time.monotonic())))
            finally:
                if os.path.exists(partial):
                    os.remove(partial)
    raise OSError(f"{path} (SHA-256 {expected}) could not be had from any source: " + "; ".join(answers))


def fetch(bundle, deadline=None, log=None, lib=None):
    """Puts every library of bundle/libraries.txt in lib (bundle/lib by default), by the monotonic deadline;
    returns (count, bytes downloaded)."""
    log = log or (lambda message: print(message, file=sys.stderr))
    deadline = deadline if deadline is not None else time.monotonic() + FETCH_SECONDS
    lib = lib or os.path.join(bundle, "lib")
    os.makedirs(lib, exist_ok=True)
    with open(os.path.join(bundle, "libraries.txt"), encoding="utf-8") as f:
        wanted = [line.split() for line in f if line.strip()]
    for fields in wanted:
        if len(fields) not in (2, 5):
            raise OSError(f"libraries.txt: {' '.join(fields)!r} is neither '<path> <sha256>' nor"
                          " '<path> <sha256> <platform> <file> <sha256>'")
    candidates = sources(bundle)
    course = [("course mirror", url) for url in course_sources(bundle)]
    here = this_platform()
    dead = {}
    downloaded = 0
    for fields in wanted:
        path, expected = fields[0], fields[1]
        slim = fields[2:5] if len(fields) == 5 and fields[2] == here and course else None
        accepted = {expected} | ({fields[4]} if len(fields) == 5 else set())
        target = os.path.join(lib, os.path.basename(path))
        if os.path.isfile(target) and sha256(target) in accepted:
            continue
        for repo in local_repositories():
            candidate = os.path.join(repo, *path.split("/"))
            if os.path.isfile(candidate) and sha256(candidate) == expected:
                shutil.copyfile(candidate, target)
                break
        else:
            fetched = False
            if slim:
                # the slim file beside the library's own: its name for a {file} mirror, its path for a Maven one
                slim_path = path.rsplit("/", 1)[0] + "/" + slim[1]
                try:
                    download(slim_path, slim[2], target, course, dead, deadline, log)
                    fetched = True
                except OSError as e:
                    log(f"ParamLab: no {slim[0]} {slim[1]} from the course's mirrors ({e}); fetching "
                        f"{os.path.basename(path)} itself")
            if not fetched:
                download(path, expected, target, candidates, dead, deadline, log)
            downloaded += os.path.getsize(target)
        actual = sha256(target)
        if actual not in accepted:
            os.remove(target)
            raise OSError(f"{path}: SHA-256 {actual} is not the pinned {expected}; refusing it")
    return len(wanted), downloaded


def main(argv):
    bundle = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    start = time.monotonic()
    try:
        count, downloaded = fetch(bundle, lib=argv[2] if len(argv) > 2 else None)
    except OSError as e:
        print(f"ParamLab: the grader's libraries could not be fetched: {e}", file=sys.stderr)
        return 1
    print(f"ParamLab: {count} libraries in place ({downloaded / 1e6:.1f} MB downloaded) in "
          f"{time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
