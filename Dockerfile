# Builds and runs the CRM (used by docker-compose.yml). The build stage needs Maven Central.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/crm-web/target/crm-web-*.jar /tmp/crm.jar
# Extracted (crm.jar + lib/) so that class data sharing can map its classes; deploy/start.sh records the archive on
# the first start of a container and uses it from then on (docs/adr/0026).
RUN java -Djarmode=tools -jar /tmp/crm.jar extract --destination /app && rm /tmp/crm.jar
COPY deploy/start.sh /app/start.sh
ENV CRM_HOME=/app JAVA_OPTS="-Xmx512m"
EXPOSE 8080
ENTRYPOINT ["/app/start.sh"]
