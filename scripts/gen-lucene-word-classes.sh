#!/usr/bin/env bash
# Regenerates src/engine/analysis/lucene-word-classes.ts from the lucene-core jar of the OpenSearch
# distribution that scripts/opensearch.sh unpacked (the Lucene the real node runs). Needs a JDK >= 21.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${SEARCHGATE_CACHE:-$repo_root/.cache}"
jar="$(ls "$cache_root"/opensearch-*/lib/lucene-core-*.jar 2>/dev/null | head -1)"
[ -n "$jar" ] || { echo "no lucene-core jar under $cache_root/opensearch-*/lib (run scripts/opensearch.sh start first)" >&2; exit 1; }
java="${JAVA:-}"
if [ -z "$java" ]; then
  for dir in /usr/lib/jvm/*/; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release" 2>/dev/null || true)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then java="$dir/bin/java"; fi
  done
fi
[ -n "$java" ] || { echo "no JDK >= 21 under /usr/lib/jvm (set JAVA)" >&2; exit 1; }
"$java" -cp "$jar" "$repo_root/scripts/lucene/LuceneWordClasses.java" "$(basename "$jar")" > "$repo_root/src/engine/analysis/lucene-word-classes.ts"
echo "wrote src/engine/analysis/lucene-word-classes.ts from $jar" >&2
