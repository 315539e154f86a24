#!/usr/bin/env bash
# Nanoseconds per IoT policy decision for the default configuration's policies (the gateway decides on every
# delivery). Usage: scripts/measure-policy-evaluation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl emulator -am package -DskipTests >/dev/null
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "emulator/target/iot-emulator.jar:emulator/target/test-classes" \
  dev.iotemulator.benchmarks.PolicyEvaluationBenchmark config/policies
