#!/usr/bin/env bash
# What the test suite needs besides Java and Maven: Node.js 18+ with npm (the JavaScript acceptance tests and the
# browser demo's bundle), Chromium (the browser tests, driven by playwright-core), curl and the AWS CLI v2 (the
# control-plane and console tests run it unmodified; DocsShellSnippetTest runs the docs' commands as written).
# `mvn -B verify` runs this
# first (in the parent pom's validate phase; -DskipTests skips it). Whatever is missing is installed with apt-get
# when that is possible (root on Debian or Ubuntu, as in CI); otherwise the script says what to install and fails.
#   scripts/test-prerequisites.sh [--check-only]
# Chromium is looked for at $CHROMIUM_PATH, else /usr/bin/chromium (where the browser tests look too); the AWS CLI v2
# at /usr/bin/aws (Debian's awscli package, where the tests look; an `aws` v1 earlier on PATH does not count).
set -euo pipefail

check_only=false
[ "${1:-}" = "--check-only" ] && check_only=true
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
aws_cli=/usr/bin/aws

missing() {
  local packages=()
  if ! command -v node >/dev/null || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
    packages+=(nodejs)
  fi
  command -v npm >/dev/null || packages+=(npm)
  [ -x "$chromium" ] || packages+=(chromium)
  command -v curl >/dev/null || packages+=(curl)
  { [ -x "$aws_cli" ] && "$aws_cli" --version 2>&1 | grep -q '^aws-cli/2\.'; } || packages+=(awscli)
  echo "${packages[@]:-}"
}

explain() {
  echo "The test suite (mvn -B verify) needs what is missing here:" >&2
  for package in $1; do
    case "$package" in
      nodejs) echo "  - Node.js 18 or newer (20 recommended): Debian/Ubuntu: apt-get install nodejs; or https://nodejs.org" >&2 ;;
      npm) echo "  - npm: Debian/Ubuntu: apt-get install npm (it comes with the installers from nodejs.org)" >&2 ;;
      chromium)
        echo "  - Chromium at $chromium, for the browser demo's tests: Debian: apt-get install --no-install-recommends chromium;" >&2
        echo "    or set CHROMIUM_PATH to a Chromium or Chrome binary$(other_chromium)" >&2 ;;
      curl) echo "  - curl: Debian/Ubuntu: apt-get install curl" >&2 ;;
      awscli)
        echo "  - the AWS CLI v2 at $aws_cli, for the control-plane, console and docs tests: Debian: apt-get install awscli" >&2 ;;
    esac
  done
  echo "$2 Then run mvn -B verify again (mvn -B verify -DskipTests builds without any test)." >&2
}

other_chromium() {
  local found
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    found=$(command -v "$candidate" 2>/dev/null || true)
    if [ -n "$found" ] && [ "$found" != "$chromium" ]; then
      echo " (found: CHROMIUM_PATH=$found)"
      return
    fi
  done
}

packages=$(missing)
[ -z "$packages" ] && exit 0

if $check_only; then
  explain "$packages" "Install it."
  exit 1
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  explain "$packages" "This script installs it only as root on Debian or Ubuntu (as CI runs it); install it yourself."
  exit 1
fi
echo "test-prerequisites: installing $packages with apt-get" >&2
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages
packages=$(missing)
if [ -n "$packages" ]; then
  explain "$packages" "apt-get did not provide it."
  exit 1
fi
