#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine:
# the package with its test extra, Debian's Chromium (Playwright drives it; it
# cannot download a browser of its own here), CJK fonts for the diagram tests,
# Java and the Nu Html Checker for validity tests, Pango for WeasyPrint (the PDF export).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing+=(libpango-1.0-0)  # WeasyPrint, for the PDF export
dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing+=(libpangoft2-1.0-0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python -m pip install -q --disable-pip-version-check -e '.[test]'

if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "setup: installing the Nu Html Checker (npm vnu-jar)"
  npm install --no-save --no-audit --no-fund --loglevel=error vnu-jar@26.9.27 >/dev/null
fi
echo "setup: ready"
