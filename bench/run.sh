#!/usr/bin/env bash
# Side-by-side benchmark: the emulator, bare Moquette (the broker it embeds, alone) and Mosquitto on loopback, the
# same scenarios against each, one table.
#
#   bench/run.sh              full run (about 4 minutes on 2 cores; bounded at 11.5 minutes)
#   BENCH_PROFILE=smoke bench/run.sh   quick run (about a minute once built)
#   bench/run.sh --only emulator-policies-on,emulator-policies-off   only the IoT policies on/off comparison
#   BENCH_SCENARIOS=flatout bench/run.sh --only emulator,moquette    only the flat-out QoS 1 check, two brokers
#   bench/run.sh --rules      what topic rules cost: 10 rules on a QoS 1 stream against none, two emulators
#
# Arguments are passed to the harness: --only picks among emulator, emulator-policies-on, emulator-policies-off,
# moquette and mosquitto and runs them in the order given; the default is all five, in that order.
#
# Scale knobs (environment): see bench/PERFORMANCE.md or BenchConfig.java. BENCH_SKIP_BUILD=1 reuses the jars.
# Every scenario is bounded in time and message count; BENCH_TIME_CAP_S bounds the scenarios, and `timeout`
# bounds the whole harness. Only 127.0.0.1 is used.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  echo "building emulator and bench jars (mvn -pl bench -am package -DskipTests)..."
  mvn -q -B -pl bench -am package -DskipTests
fi

if [[ "${1:-}" == "--rules" ]]; then
  # Two emulators only (10 rules on, none); bounded like the other scenarios.
  logs="$(mktemp -d /tmp/iot-bench.XXXXXX)"
  status=0
  timeout --kill-after=15 "${BENCH_TIME_CAP_S:-600}" java ${BENCH_JAVA_OPTS:-} -cp "$here/target/iot-bench.jar" \
    dev.iotemulator.bench.RulesComparison --emulator-jar "$root/emulator/target/iot-emulator.jar" \
    --log-dir "$logs" || status=$?
  echo "broker logs: $logs"
  exit "$status"
fi

mosquitto_bin="$(command -v mosquitto || true)"
[[ -z "$mosquitto_bin" && -x /usr/sbin/mosquitto ]] && mosquitto_bin=/usr/sbin/mosquitto
if [[ -z "$mosquitto_bin" ]]; then
  echo "mosquitto is missing; installing it from Debian (apt-get install -y mosquitto)..."
  if [[ "$(id -u)" != "0" ]]; then
    echo "not root: run 'sudo apt-get install -y mosquitto' first, then re-run $0" >&2
    exit 2
  fi
  if ! apt-cache show mosquitto >/dev/null 2>&1; then
    apt-get update -q
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends mosquitto >/dev/null
  mosquitto_bin=/usr/sbin/mosquitto
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$here/results"
out="${BENCH_OUT:-$here/results/$stamp.json}"
logs="$(mktemp -d /tmp/iot-bench.XXXXXX)"
export BENCH_GIT_COMMIT="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

harness_pid=""
cleanup() {
  # The harness stops the brokers itself (try-with-resources and a shutdown hook), and bare Moquette also stops when
  # the harness is gone; this covers Ctrl-C and time-out.
  if [[ -n "$harness_pid" ]] && kill -0 "$harness_pid" 2>/dev/null; then
    kill "$harness_pid" 2>/dev/null || true
    wait "$harness_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

cap="${BENCH_TIME_CAP_S:-540}"
flatout="${BENCH_FLATOUT_TIMEOUT_S:-120}"
if [[ "${BENCH_PROFILE:-full}" == "smoke" ]]; then
  cap="${BENCH_TIME_CAP_S:-120}"
  flatout="${BENCH_FLATOUT_TIMEOUT_S:-40}"
fi
# The harness stops starting scenarios at the cap; the hard limit leaves room for the one running (the flat-out
# scenario has the longest bound of its own) and for clean-up.
slack=$(( flatout + 30 > 90 ? flatout + 30 : 90 ))
timeout --kill-after=15 "$((cap + slack))" \
  java ${BENCH_JAVA_OPTS:-} -jar "$here/target/iot-bench.jar" \
    --emulator-jar "$root/emulator/target/iot-emulator.jar" \
    --mosquitto "$mosquitto_bin" --out "$out" --log-dir "$logs" "$@" &
harness_pid=$!
status=0
wait "$harness_pid" || status=$?
harness_pid=""
echo "broker logs: $logs"
exit "$status"
