#!/usr/bin/env bash
# Builds the MinIO server and mc from source with `go install`, the community edition's own install
# path, into a cache outside the repository. Later runs reuse the binaries.
#
# Pin: the last community commit 7aac2a2c5b7c882e68c1ce017d8256be2feea27f (2026-02-12). The module
# proxy refuses the bare commit hash but serves it under its pseudo-version, used below.
set -euo pipefail
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
MC_VERSION=${GATEHOUSE_MC_VERSION:-v0.0.0-20250313080218-cf909e1063a9}
tools_dir=${GATEHOUSE_TOOLS_DIR:-$HOME/.cache/gatehouse/tools}
export PATH="$PATH:/usr/local/go/bin"

build() { # name module version
  local dir="$tools_dir/$1-$3"
  if [ -x "$dir/$1" ]; then echo "$1: cached at $dir/$1"; return; fi
  echo "$1: building $2@$3 (first run only; several minutes)"
  local started=$SECONDS
  mkdir -p "$dir.tmp"
  (cd /tmp && GOBIN="$dir.tmp" GOFLAGS=-buildvcs=false go install "$2@$3")
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  echo "$1: built in $((SECONDS - started)) s at $dir/$1"
}
build minio github.com/minio/minio "$MINIO_VERSION"
build mc github.com/minio/mc "$MC_VERSION"
