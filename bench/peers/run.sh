#!/usr/bin/env bash
# Our forwarder vs the vendors' own forwarders on the same 1 MiB CloudWatch Logs batch and the same local HTTPS
# intake, interleaved (see peers.py for what is measured). Merges forwarder_ratio_vs_fastest_peer,
# forwarder_cold_ratio_vs_peers and forwarder_peers_details into bench/results.json; raw output in bench/target/peers.
#
# The peers' code is never committed here. Either
#   PEERS_DIR=/path bench/peers/run.sh   a folder holding existing checkouts (working trees or bare git
#                                        repositories) named splunk-aws-serverless-apps, sumologic-aws-lambda,
#                                        datadog-serverless-functions and requests-futures (or owner+name/repo); the pinned commits below
#                                        are taken from them when they are git repositories;
#   bench/peers/run.sh                   clones each peer from GitHub at the pinned commit.
# Their dependencies come from the npm / pip package index configured on the machine (as their own build does).
# Needs: Java 17+, Maven (our zip is built with -DskipTests if missing), node + npm, python3 with boto3/requests,
# moto_server (pip install 'moto[server]==5.2.1'), openssl, keytool. Knobs: ROUNDS, INVOCATIONS, CONTENDERS,
# OURS_JVM_OPTIONS_SNAPSTART / OURS_JVM_OPTIONS_ON_DEMAND (default: ForwarderContract.JVM_OPTIONS, as deployed),
# ZIP (another build of our Lambda zip).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
WORK="$BENCH/target/peers"

# name | GitHub owner/repo | pinned commit | folder inside the repository
PEERS=(
  "peer-splunk|splunk/splunk-aws-serverless-apps|04f0a0c2a249c5a541792985c3f9d8b6058db6e7|splunk-cloudwatch-logs-processor"
  "peer-sumologic|SumoLogic/sumologic-aws-lambda|493de17c7aee3c2fc3cc6c7e21758da2053cbca4|cloudwatchlogs-with-dlq"
  "peer-datadog|DataDog/datadog-serverless-functions|b9af797e0266b2be4011a94147419089833605c5|aws/logs_monitoring"
  # the one library on Datadog's logs path that neither the Lambda runtime nor this machine has (v1.0.2), from source
  "peer-datadog-deps/requests_futures|ross/requests-futures|8ad0548ade870559a769464f9a6f6be13a2a3637|requests_futures"
)

rm -rf "$WORK"; mkdir -p "$WORK/src" "$WORK/tls"

checkout() { # name repo commit subdir -> $WORK/name holds the peer's folder at the commit
  local name=$1 repo=$2 commit=$3 sub=$4 base=${2#*/} src=""
  if [ -n "${PEERS_DIR:-}" ]; then
    for c in "$PEERS_DIR/$base" "$PEERS_DIR/${repo/\//+}/repo" "$PEERS_DIR/${repo/\//+}"; do
      [ -e "$c" ] && { src="$c"; break; }
    done
    [ -n "$src" ] || { echo "no checkout of $repo under PEERS_DIR=$PEERS_DIR" >&2; exit 2; }
  else
    src="$WORK/src/$base"
    git clone -q --filter=blob:none --no-checkout "https://github.com/$repo" "$src"
  fi
  mkdir -p "$WORK/$name"
  if git --git-dir="$src" rev-parse -q --verify "$commit^{commit}" >/dev/null 2>&1; then
    git --git-dir="$src" archive "$commit:$sub" | tar -x -C "$WORK/$name"
  elif git -C "$src" rev-parse -q --verify "$commit^{commit}" >/dev/null 2>&1; then
    git -C "$src" archive "$commit:$sub" | tar -x -C "$WORK/$name"
  elif [ -d "$src/$sub" ]; then
    echo "warning: $src is not a git repository holding $commit; using its $sub as it is" >&2
    cp -r "$src/$sub/." "$WORK/$name/"
  else
    echo "$src holds neither commit $commit of $repo nor a folder $sub" >&2; exit 2
  fi
  echo "$name: $repo@$commit $sub"
}
for p in "${PEERS[@]}"; do IFS='|' read -r name repo commit sub <<<"$p"; checkout "$name" "$repo" "$commit" "$sub"; done

# their dependencies, as their own build / the Lambda runtime provides them
(cd "$WORK/peer-splunk" && npm install -q --omit=dev --no-audit --no-fund >/dev/null)
# cloudwatchlogs-with-dlq's package.json lists jmespath and lodash; the AWS SDK v3 clients it requires at load time
# are part of Lambda's Node.js runtime, so they are installed here (their load time is part of its cold start there too)
(cd "$WORK/peer-sumologic" && npm install -q --omit=dev --no-audit --no-fund >/dev/null \
  && npm install -q --no-save --no-audit --no-fund @aws-sdk/client-ssm@3 @aws-sdk/client-ec2@3 @aws-sdk/client-sqs@3 \
     @aws-sdk/client-lambda@3 >/dev/null)
# Datadog's requirements.txt: tracing/metrics (datadog, datadog-lambda, ddtrace) are stubbed (bench/peers/stubs),
# boto3 and requests come from the machine (as from the Lambda Python runtime / their zip), requests_futures from
# source above (checked out like the peers, so no Python package index is needed)

# our forwarder: the Lambda zip as built from this tree
ZIP="${ZIP:-$(ls "$ROOT"/forwarder/target/medplum-logs-forwarder-*-lambda.zip 2>/dev/null | head -1 || true)}"
if [ -z "$ZIP" ] || [ "${REBUILD:-0}" = 1 ]; then
  (cd "$ROOT" && mvn -B -ntp -q -pl forwarder -am package -DskipTests ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL})
  ZIP="$(ls "$ROOT"/forwarder/target/medplum-logs-forwarder-*-lambda.zip | head -1)"
fi
mkdir -p "$WORK/ours" "$WORK/runner-java"
unzip -q "$ZIP" -d "$WORK/ours"
# the SnapStart restore hook is run by the same code as in bench/forwarder/cold.sh (compiled next to the runner)
javac -d "$WORK/runner-java" -cp "$WORK/ours/lib/*" "$BENCH/peers/runners/Runner.java" \
  "$BENCH/jmh/src/main/java/io/medplumlogs/bench/launcher/SnapStartRestore.java"
# JAVA_TOOL_OPTIONS as the generator sets them (both modes), from the zip's own contract; OURS_JVM_OPTIONS_* override
DEPLOYED_JVM_OPTIONS="$(javap -cp "$WORK/ours/lib/*" -constants io.medplumlogs.contract.ForwarderContract \
  | sed -n 's/.* JVM_OPTIONS = "\(.*\)";/\1/p')"
export OURS_JVM_OPTIONS_SNAPSTART="${OURS_JVM_OPTIONS_SNAPSTART-$DEPLOYED_JVM_OPTIONS}"
export OURS_JVM_OPTIONS_ON_DEMAND="${OURS_JVM_OPTIONS_ON_DEMAND-$DEPLOYED_JVM_OPTIONS}"
echo "ours: JAVA_TOOL_OPTIONS snapstart '$OURS_JVM_OPTIONS_SNAPSTART', on demand '$OURS_JVM_OPTIONS_ON_DEMAND'"

# a self-signed certificate for 127.0.0.1: every contender verifies TLS against it
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
keytool -importcert -noprompt -alias intake -file "$WORK/tls/cert.pem" -keystore "$WORK/tls/truststore.p12" \
  -storetype PKCS12 -storepass changeit >/dev/null

PIN=(); if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN=(taskset -c 1); fi
"${PIN[@]}" python3 "$BENCH/peers/peers.py" "$WORK" | tee "$WORK/summary.txt"
