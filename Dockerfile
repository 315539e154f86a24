# AWS IoT Core local emulator.
#   docker build -t iot-emulator .                  (podman: podman build --format docker -t iot-emulator .)
#   docker run --rm -p 8080:8080 -p 1883:1883 -p 8443:8443 -p 8883:8883 -v iot-emulator-data:/data iot-emulator
# Options come from environment variables (see README, "Configuration"), e.g. -e IOT_EMULATOR_REGION=eu-west-1;
# JVM options from JAVA_OPTS, e.g. -e JAVA_OPTS=-Xmx256m. A custom configuration directory can be mounted:
# -v "$PWD/config:/config:ro" -e IOT_EMULATOR_CONFIG_DIR=/config

# Build stage: Java 17, Maven and Node 20 (the build bundles the console and the browser demo with esbuild from
# npm; nothing is fetched when the image runs). Debian 12, as the CI machine.
FROM node:20-bookworm AS build
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
COPY emulator/pom.xml emulator/
COPY client-sample/pom.xml client-sample/
COPY bench/pom.xml bench/
# Every dependency and plugin of this build, resolved by building the poms alone: this layer is reused until a pom
# changes, so a source change downloads nothing. The image compiles and runs no test, so the test dependencies are
# left out of the model (-DskipTestDependencies) and never resolved.
ARG MAVEN_FLAGS="-B -q -pl emulator -am -Dmaven.test.skip=true -DskipTests -DskipTestDependencies"
RUN mvn $MAVEN_FLAGS package && rm -rf emulator/target
COPY config config
COPY emulator/src/main emulator/src/main
RUN mvn $MAVEN_FLAGS -o package

FROM eclipse-temurin:17-jre
RUN groupadd --system iot && useradd --system --gid iot --home-dir /opt/iot-emulator iot \
    && mkdir /data && chown iot:iot /data
COPY --from=build /src/emulator/target/iot-emulator.jar /opt/iot-emulator/iot-emulator.jar
COPY scripts/cds-archive.sh /opt/iot-emulator/cds-archive.sh
# Class-data sharing (AppCDS): one start at build time records the classes the emulator loads, and every container
# maps them from this archive instead of loading and verifying them again, so it is ready sooner.
RUN /opt/iot-emulator/cds-archive.sh /opt/iot-emulator/iot-emulator.jar /opt/iot-emulator/iot-emulator.jsa
USER iot
WORKDIR /opt/iot-emulator
# Inside a container the listeners must bind every interface so that published ports reach them. So the admin
# routes (/__emulator/...) need the admin token printed at start-up (or set with IOT_EMULATOR_ADMIN_TOKEN), and plain
# MQTT/TCP clients must log in unless IOT_EMULATOR_ANONYMOUS_TCP_LOGIN=true. Publish ports as -p 127.0.0.1:8080:8080
# to keep them on the host's loopback.
ENV IOT_EMULATOR_BIND=0.0.0.0 \
    IOT_EMULATOR_HTTP_PORT=8080 \
    IOT_EMULATOR_MQTT_PORT=1883 \
    IOT_EMULATOR_HTTPS_PORT=8443 \
    IOT_EMULATOR_MQTTS_PORT=8883 \
    IOT_EMULATOR_DATA_DIR=/data \
    JAVA_OPTS=""
# The local certificate authority and created device certificates: mount a volume here to keep them (and the
# clients' trust in the CA) across containers.
VOLUME /data
# 8080: HTTP and MQTT over WebSocket (ws://<host>:8080/mqtt with a SigV4-presigned query; health at /__emulator/health;
#       the console at / with the admin token, as the banner's console link carries it)
EXPOSE 8080
# 1883: plain MQTT over TCP (a local convenience; AWS IoT has no plain port)
EXPOSE 1883
# 8443: HTTPS and MQTT over WSS (AWS's 443), and MQTT with a client certificate over ALPN x-amzn-mqtt-ca
EXPOSE 8443
# 8883: MQTT over TLS with client certificates (AWS's 8883)
EXPOSE 8883
# The health route, asked by bash itself (/dev/tcp): no second JVM every 30 s. podman keeps this only when the image
# is built with --format docker.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${IOT_EMULATOR_HTTP_PORT:-8080} && printf 'GET /__emulator/health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# exec: java is PID 1 and gets docker stop's SIGTERM, on which the emulator logs event=stopped and exits with 0.
ENTRYPOINT ["sh", "-c", "exec java -XX:SharedArchiveFile=/opt/iot-emulator/iot-emulator.jsa $JAVA_OPTS -jar /opt/iot-emulator/iot-emulator.jar \"$@\"", "iot-emulator"]
