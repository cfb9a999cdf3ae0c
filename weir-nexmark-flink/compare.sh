#!/usr/bin/env bash
# Builds Weir and the Flink comparison module (Maven profile flink-compare), then runs the same
# Nexmark queries on Weir and on Apache Flink (local MiniCluster) and prints both throughputs.
#   ./weir-nexmark-flink/compare.sh --query q0,q1,q2 --events 10000000 --parallelism 2 --checkpoint-interval 10s
#   ./weir-nexmark-flink/compare.sh --help
#   ./weir-nexmark-flink/compare.sh --engines flink --verify-events 0 ...   (one engine alone)
# Each engine is measured in a JVM of its own (--same-jvm: both in this one).
#   WEIR_JAVA_OPTS   extra JVM options of every JVM it starts, e.g. WEIR_JAVA_OPTS="-Xmx8g"
#   WEIR_NO_BUILD=1  skip the build and run the jar built before
set -euo pipefail

HERE="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi

if [ -z "${WEIR_NO_BUILD:-}" ]; then
  echo "compare.sh: building (mvn -B -q -Pflink-compare -pl weir-nexmark-flink -am package -DskipTests)..." >&2
  # Maven 3.8 prints bare colour resets even with -B -q: strip them so a quiet build stays quiet.
  if ! (cd "$ROOT" && mvn -B -q -Pflink-compare -pl weir-nexmark-flink -am package -DskipTests 2>&1 \
      | sed -e 's/\x1b\[[0-9;]*m//g' | { grep -v '^[[:space:]]*$' || true; }) >&2; then
    echo "compare.sh: build failed (see the Maven output above)" >&2
    exit 1
  fi
fi

JAR="$HERE/target/weir-nexmark-flink-0.1.0-SNAPSHOT.jar"
if [ ! -f "$JAR" ]; then
  echo "compare.sh: $JAR is missing; run without WEIR_NO_BUILD to build it" >&2
  exit 1
fi
# The jar's manifest carries the --add-opens/--add-exports Flink needs on Java 17 and its lib/ class path.
# shellcheck disable=SC2086 # WEIR_JAVA_OPTS is a list of options on purpose
exec "$JAVA" ${WEIR_JAVA_OPTS:-} -jar "$JAR" "$@"
