# AWS IoT Core local emulator.
#   docker build -t iot-emulator .
#   docker run --rm -p 8080:8080 -p 1883:1883 iot-emulator
# Options come from environment variables (see README, "Configuration"), e.g. -e IOT_EMULATOR_REGION=eu-west-1.
# A custom configuration directory can be mounted: -v "$PWD/config:/config:ro" -e IOT_EMULATOR_CONFIG_DIR=/config

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY emulator/pom.xml emulator/
COPY client-sample/pom.xml client-sample/
COPY bench/pom.xml bench/
COPY config config
COPY emulator/src emulator/src
RUN mvn -B -q -pl emulator -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system iot && useradd --system --gid iot --home-dir /opt/iot-emulator iot \
    && mkdir /data && chown iot:iot /data
COPY --from=build /src/emulator/target/iot-emulator.jar /opt/iot-emulator/iot-emulator.jar
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
    IOT_EMULATOR_DATA_DIR=/data
# The local certificate authority and created device certificates: mount a volume here to keep them (and the
# clients' trust in the CA) across containers.
VOLUME /data
# 8080: HTTP and MQTT over WebSocket (ws://<host>:8080/mqtt with a SigV4-presigned query; health at /__emulator/health)
EXPOSE 8080
# 1883: plain MQTT over TCP (a local convenience; AWS IoT has no plain port)
EXPOSE 1883
# 8443: HTTPS and MQTT over WSS (AWS's 443), and MQTT with a client certificate over ALPN x-amzn-mqtt-ca
EXPOSE 8443
# 8883: MQTT over TLS with client certificates (AWS's 8883)
EXPOSE 8883
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["java", "-jar", "/opt/iot-emulator/iot-emulator.jar", "health"]
ENTRYPOINT ["java", "-jar", "/opt/iot-emulator/iot-emulator.jar"]
