#!/usr/bin/env bash
# Makes docs/report-stubs.png, docs/report-solutions.png and docs/report-broken.png (the solutions with a
# Linear.forward that forgets the bias: the mismatch heatmaps): screenshots of report.html taken by
# ReportHtmlBrowserTest in headless Chromium (needs /usr/bin/chromium and /usr/bin/chromedriver:
# apt-get install -y chromium chromium-driver). The stubs and the solutions are graded by the real
# supervisor inside the test, and so is the broken submission.
set -euo pipefail
cd "$(dirname "$0")/.."
PARAMLAB_REQUIRE_BROWSER=1 ./mvnw -B -q -o -Psolutions test -pl grader -am -Dtest=ReportHtmlBrowserTest \
  -Dsurefire.failIfNoSpecifiedTests=false
mkdir -p docs
for name in stubs solutions broken; do
  cp "grader/target/report-screenshots/report-$name.png" "docs/report-$name.png"
done
ls -l docs/report-stubs.png docs/report-solutions.png docs/report-broken.png
