#!/usr/bin/env bash
# Builds bench/jmh (JMH benchmarks + forwarder harness) and prints its runtime classpath.
# REPO=/path/to/private/repository: resolve the product's artifacts from there (see bench/README.md), not ~/.m2.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$BENCH/jmh/target/classpath.txt" ]; then
  # REPO: a private local repository that holds the installed product (never install into the shared one)
  mvn -B -ntp -q ${REPO:+-Dmaven.repo.local=$REPO} -f "$BENCH/jmh/pom.xml" package -DskipTests >&2
fi
echo "$BENCH/jmh/target/classes:$(cat "$BENCH/jmh/target/classpath.txt")"
