#!/usr/bin/env bash
# Install mla-writer into ./.venv (created if missing), with the dependency versions the tests
# ran against (requirements.lock, used as constraints).
#   bash scripts/install.sh                the tool
#   bash scripts/install.sh --test         the tool, the test, lint and profiling tools, plus
#                                          (when run as root with apt) LibreOffice, Poppler and
#                                          fonts for the PDF tests
#   bash scripts/install.sh --print-python the Python 3.11+ this script would use, and nothing else
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
print_python=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --print-python) print_python=1 ;;
    *) echo "usage: bash scripts/install.sh [--test|--print-python]" >&2; exit 2 ;;
  esac
done

py=""
for cand in python3.13 python3.12 python3.11 python3; do
  # stderr hidden: a version manager's shim for a version not selected says so at length.
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    py="$cand"; break
  fi
done
[ -n "$py" ] || { echo "mla-writer needs Python 3.11 or newer; install it and try again" >&2; exit 1; }
if [ "$print_python" = 1 ]; then
  echo "$py"
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" --upgrade pip >/dev/null

if [ "$want_test" = 1 ]; then
  "${pip[@]}" -c requirements.lock -e ".[test,lint,profile]"
  # The PDF tests need LibreOffice (DOCX -> PDF), Poppler (pdftotext, pdftoppm) and fonts with
  # Arabic and CJK glyphs (Noto Naskh Arabic, Noto Serif CJK SC, Liberation Serif: the faces
  # render/fonts.conf names, which the typography test checks); the browser-mode test needs
  # Chromium. Without them those tests are skipped with a reason.
  debs="libreoffice-writer-nogui poppler-utils fontconfig fonts-noto-core fonts-noto-cjk fonts-dejavu-core fonts-liberation2 chromium"
  if command -v apt-get >/dev/null 2>&1; then
    missing=$(for d in $debs; do dpkg -s "$d" >/dev/null 2>&1 || echo "$d"; done)
    if [ -n "$missing" ]; then
      if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
      else
        echo "note: PDF tests will be skipped; to run them: sudo apt-get install $missing" >&2
      fi
    fi
  fi
else
  "${pip[@]}" -c requirements.lock -e .
fi
# pip byte-compiles a wheel's modules as it installs them; an editable install runs from the
# checkout, where Python compiles every module again at each start if it cannot write its cache
# (PYTHONDONTWRITEBYTECODE, a read-only checkout), which slows every short command.
.venv/bin/python -m compileall -q mla_writer >/dev/null
