#!/usr/bin/env bash
# Gradescope runs this once, when the autograder image is built (network available), in
# $PARAMLAB_AUTOGRADER_ROOT/source (/autograder/source on Gradescope). It installs a JDK 17 with apt
# (Gradescope's base image is Ubuntu 22.04), adds the unprivileged user the student's code runs as, and
# fetches the grader's libraries into source/lib/, each checked against its pinned SHA-256, so that grading
# needs no network and no Maven. PARAMLAB_SKIP_INSTALL=1 skips apt and the user (a test on a machine that has
# Java already).
set -euo pipefail
root=${PARAMLAB_AUTOGRADER_ROOT:-/autograder}
start=$(date +%s)
if [ "${PARAMLAB_SKIP_INSTALL:-}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless python3 ca-certificates
  id paramlab >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin paramlab
fi
python3 "$root/source/fetch_libraries.py" "$root/source"
chmod -R a+rX "$root/source"
echo "ParamLab: setup done in $(( $(date +%s) - start )) s"
