#!/usr/bin/env bash
# The soak: the emulator jar (256 MB heap and direct memory, persistence on) under mixed traffic for a bounded time
# (QoS 1 with a ledger, connect/disconnect churn, client-id storms, abrupt disconnects, shadow updates, admin resets),
# then a report: acknowledged messages lost, broker session threads, health canary, RSS over time, log volume.
#
#   bench/soak.sh                 10 minutes (the acceptance run)
#   SOAK_MINUTES=2 bench/soak.sh  a short one
#
# Only 127.0.0.1 is used; the whole run is bounded by `timeout`. The report goes to bench/results/soak-<time>.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  echo "building emulator and bench jars (mvn -pl bench -am package -DskipTests)..."
  mvn -q -B -pl bench -am package -DskipTests
fi
minutes="${SOAK_MINUTES:-10}"
mkdir -p "$here/results"
out="$here/results/soak-$(date -u +%Y%m%dT%H%M%SZ).md"
timeout --kill-after=15 "$(( minutes * 60 + 180 ))" \
  java -cp "$here/target/iot-bench.jar" dev.iotemulator.bench.soak.Soak \
    --emulator-jar "$root/emulator/target/iot-emulator.jar" --minutes "$minutes" --out "$out"
echo "report: $out"
