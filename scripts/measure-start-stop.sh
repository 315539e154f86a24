#!/usr/bin/env bash
# In-process start/stop cost of the emulator as a test fixture: cold start (first start in a fresh JVM), warm
# restarts in the same JVM, and close(). Runs the benchmark in several fresh JVMs.
# Usage: scripts/measure-start-stop.sh [jvms] [warm-runs-per-jvm] [without-tls]
set -euo pipefail
cd "$(dirname "$0")/.."
jvms=${1:-5}
warm=${2:-20}
mvn -q -B -pl emulator -am package -DskipTests >/dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$jvms"); do
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "emulator/target/iot-emulator.jar:emulator/target/test-classes" \
    dev.iotemulator.benchmarks.StartStopBenchmark "$warm" "${3:-with-tls}"
done
