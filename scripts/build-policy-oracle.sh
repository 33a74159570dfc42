#!/usr/bin/env bash
# Builds the policy oracle (tools/policy-oracle: MinIO's own evaluator, minio/pkg v3.1.3) into a cache
# outside the repository and prints the binary's path on stdout. The cache key is a hash of the
# oracle's sources and go.mod/go.sum, so an edit rebuilds and an unchanged tree reuses the binary.
# With an argument (a minio/pkg v3 version, e.g. v3.0.23) it builds the same oracle against that
# release instead, resolving its go.sum through the Go module proxy: the semantics of older servers.
# The oracle is a test tool: it is never part of the shipped application.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/../tools/policy-oracle" && pwd)"
tools_dir=${GATEHOUSE_TOOLS_DIR:-$HOME/.cache/gatehouse/tools}
export PATH="$PATH:/usr/local/go/bin"
version=${1:-}

hash=$(cd "$source_dir" && { cat go.mod go.sum $(ls *.go | grep -v '_test\.go$' | sort); printf "%s" "$version"; } | sha256sum | cut -c1-16)
dir="$tools_dir/policy-oracle-${version:+$version-}$hash"
binary="$dir/policy-oracle"
if [ ! -x "$binary" ]; then
  echo "policy-oracle${version:+ $version}: building (first run only)" >&2
  mkdir -p "$tools_dir"
  staging=$(mktemp -d "$tools_dir/policy-oracle-$hash.XXXXXX")
  if [ -z "$version" ]; then
    # -mod=readonly: go.sum is committed; a build must never rewrite it.
    (cd "$source_dir" && GOFLAGS=-buildvcs=false go build -mod=readonly -trimpath -o "$staging/policy-oracle" .) >&2
  else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cp "$source_dir"/go.mod "$source_dir"/go.sum "$source_dir"/*.go "$work"/
    (cd "$work" && go mod edit -require="github.com/minio/pkg/v3@$version" && GOFLAGS=-mod=mod go mod tidy && GOFLAGS=-buildvcs=false go build -trimpath -o "$staging/policy-oracle" .) >&2
  fi
  # mv of a directory is atomic, so two concurrent builds cannot leave a half-written binary.
  mv -T "$staging" "$dir" 2>/dev/null || rm -rf "$staging"
fi
echo "$binary"
