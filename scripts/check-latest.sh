#!/usr/bin/env bash
# Run the test suite against other releases of the dependencies than requirements.lock's, in a
# throwaway virtual environment (the checkout's .venv is left alone). Run it now and then, and
# before widening or raising a bound in pyproject.toml.
#
#   bash scripts/check-latest.sh              the newest releases pyproject.toml's ranges allow
#   bash scripts/check-latest.sh --uncapped   the newest releases, upper bounds ignored (e.g. a new
#                                             Textual minor version: expect snapshot differences)
#   bash scripts/check-latest.sh --lowest     each dependency at its lower bound
#   ... -- PYTEST_ARGS                        passed to pytest (e.g. -- -x tests/render)
#
# Exit code: pytest's. The versions installed are printed first.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=ranges
while [ $# -gt 0 ]; do
  case "$1" in
    --uncapped) mode=uncapped ;;
    --lowest) mode=lowest ;;
    --) shift; break ;;
    *) echo "usage: bash scripts/check-latest.sh [--uncapped|--lowest] [-- PYTEST_ARGS]" >&2; exit 2 ;;
  esac
  shift
done

py=$(bash scripts/install.sh --print-python)
venv=$(mktemp -d "${TMPDIR:-/tmp}/mla-writer-check.XXXXXX")
trap 'rm -rf "$venv"' EXIT
"$py" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet --upgrade pip

# The runtime requirements as this mode wants them; the test, lint and profile tools as declared.
"$venv/bin/python" - "$mode" > "$venv/requirements.txt" <<'PY'
import re
import sys
import tomllib

mode = sys.argv[1]
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
for req in project["dependencies"]:
    name = re.match(r"[A-Za-z0-9_.\-]+", req).group(0)
    if mode == "uncapped":
        print(name)
    elif mode == "lowest":
        low = re.search(r">=\s*([^,;\s]+)", req)
        print(f"{name}=={low.group(1)}" if low else req)
    else:
        print(req)
for extra in ("test", "lint", "profile"):
    for req in project["optional-dependencies"][extra]:
        print(req.split("#")[0].strip())
PY
echo "installing ($mode):" && sed 's/^/  /' "$venv/requirements.txt"
"${pip[@]}" install --quiet -r "$venv/requirements.txt"
"${pip[@]}" install --quiet --no-deps -e .
"$venv/bin/python" -m compileall -q mla_writer >/dev/null
"${pip[@]}" list --format=freeze | sed 's/^/  /'

status=0
"$venv/bin/python" -m pytest -p no:cacheprovider "$@" || status=$?
exit "$status"
