#!/usr/bin/env bash
# Prints the bin directory of a supported Node.js (>= 22): the machine's own when it is new enough, else
# Node 22 from the npm registry (the `node-linux-<arch>` package ships the binary), cached under .cache/.
# Use: export PATH="$(bash scripts/node.sh):$PATH"   (.ci/run does this; npm then runs on that node too)
set -euo pipefail
want="${SEARCHGATE_NODE_MAJOR:-22}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge "$want" ]; then dirname "$(command -v node)"; exit 0; fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "scripts/node.sh: no Node.js package for $(uname -m); install Node.js >= $want" >&2; exit 1 ;;
esac
dir="$repo_root/.cache/node-$want-$arch"
if [ ! -x "$dir/package/bin/node" ]; then
  echo "[node] Node.js $(node --version 2>/dev/null || echo none) is older than $want: fetching node-linux-$arch@$want from the npm registry" >&2
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "node-linux-$arch@$want" >/dev/null && tar xzf node-linux-*.tgz && rm -f node-linux-*.tgz)
fi
"$dir/package/bin/node" --version >/dev/null
echo "$dir/package/bin"
