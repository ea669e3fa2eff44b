# syntax=docker/dockerfile:1
#
# The image of either service, built from the sources inside Docker with the Maven wrapper, so a machine
# with only Docker can run `docker compose up --build`:
#
#   docker build -f docker/service.Dockerfile --build-arg MODULE=api-service -t assistant-sync/api-service .
#   docker build -f docker/service.Dockerfile --build-arg MODULE=sync-worker -t assistant-sync/sync-worker .

FROM eclipse-temurin:17.0.15_6-jdk-noble AS build
ARG MODULE
WORKDIR /src
# the whole reactor (every module's pom must be there), without build outputs: see the .dockerignore
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" \
    && ./mvnw -q -B -DskipTests -pl "${MODULE}" -am package \
    && cp "${MODULE}/target/${MODULE}-exec.jar" /service.jar

# the Ubuntu-based Temurin images ship curl, which the compose healthchecks use
FROM eclipse-temurin:17.0.15_6-jre-noble
RUN useradd --system --uid 10001 --no-create-home service
COPY --from=build /service.jar /app/service.jar
USER service
# a 256 MB heap holds the services at full load (peak use about 170 MB in the benchmark) and keeps
# their RSS under 400 MB; the serial collector suits the one or two cores a container gets
ENV JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
