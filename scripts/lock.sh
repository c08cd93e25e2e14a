#!/usr/bin/env bash
# Write requirements.lock: every package the tool, its tests, lint and profiling need, at the
# newest versions pyproject.toml's ranges allow today, for the Python that runs this script.
# .ci/run and scripts/install.sh install with it as constraints. After running it: run the whole
# suite (bash .ci/run), and commit the lock with the versions it moved in the message.
set -euo pipefail
cd "$(dirname "$0")/.."

py=$(bash scripts/install.sh --print-python)
tools=$(mktemp -d "${TMPDIR:-/tmp}/mla-writer-lock.XXXXXX")
trap 'rm -rf "$tools"' EXIT
"$py" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools>=7.4"
CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh" "$tools/bin/pip-compile" --quiet --upgrade \
  --extra test --extra lint --extra profile --strip-extras \
  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
  --output-file requirements.lock pyproject.toml
echo "wrote requirements.lock"
