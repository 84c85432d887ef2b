# Switchboard's image: the jar that `./mvnw -DskipTests package` builds, on a Java 21 runtime.
#   ./mvnw -q -DskipTests package && docker build -t switchboard:latest .
FROM eclipse-temurin:21-jre
RUN useradd --system --home-dir /var/lib/switchboard --create-home switchboard
WORKDIR /var/lib/switchboard
COPY target/switchboard-0.1.0-SNAPSHOT.jar /opt/switchboard/switchboard.jar
USER switchboard
ENV SWITCHBOARD_DATADIR=/var/lib/switchboard/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/switchboard/switchboard.jar"]
