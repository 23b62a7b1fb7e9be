#!/usr/bin/env bash
# Builds bench/jmh (JMH benchmarks + forwarder harness) and prints its runtime classpath.
# MAVEN_REPO_LOCAL (or REPO)=/path/to/private/repository: resolve the product's artifacts from there (see bench/README.md), not ~/.m2.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
source "$BENCH/lib/maven.sh"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$BENCH/jmh/target/classpath.txt" ]; then
  mvn "${MVN_ARGS[@]}" -f "$BENCH/jmh/pom.xml" package -DskipTests >&2
fi
echo "$BENCH/jmh/target/classes:$(cat "$BENCH/jmh/target/classpath.txt")"
