#!/usr/bin/env bash
# What `npm test` needs beyond `npm ci`, brought up in one place (used by scripts/test.sh, and so by
# .ci/run): chromium (Playwright's browser, never downloaded), gnome-keyring + dbus (the real Secret
# Service), libsecret-1-dev + g++ + make + python3 + pkg-config (keytar's N-API build), Go (builds
# MinIO, mc and the policy oracle from source). As root on Debian/Ubuntu it installs what is
# missing; otherwise it prints the one command to run and fails. Then, if keytar could not be built
# during `npm ci` (an optional dependency, skipped where libsecret was missing), it builds it now.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(chromium gnome-keyring dbus dbus-bin libsecret-1-dev libsecret-1-0 g++ make python3 pkg-config ca-certificates openssl)
missing=()
if command -v dpkg >/dev/null; then
  # Only "install ok installed" counts: a removed package keeps its conffiles and still answers `dpkg -s`.
  installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
  for package in "${packages[@]}"; do installed "$package" || missing+=("$package"); done
else
  for tool in chromium gnome-keyring-daemon dbus-run-session pkg-config g++ make python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "provision: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
  else
    echo "npm test needs system packages that are missing: ${missing[*]}" >&2
    if command -v apt-get >/dev/null; then
      echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    else
      echo "Install their equivalents with your package manager (Debian names: ${packages[*]})." >&2
    fi
    exit 1
  fi
fi
export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "npm test needs Go (to build MinIO and mc from source), expected at /usr/local/go: https://go.dev/doc/install" >&2; exit 1; }
if ! node -e "require('keytar')" >/dev/null 2>&1; then
  version=$(node -p "require('./package-lock.json').packages['node_modules/keytar'].version")
  echo "provision: building keytar@$version (skipped by npm ci while libsecret-1-dev was missing)"
  npm install --no-save --no-audit --no-fund --loglevel=error "keytar@$version"
fi
