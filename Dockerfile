# Builds and runs the CRM (used by docker-compose.yml). The build stage needs Maven Central.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/crm-web/target/crm-web-*.jar /app/crm.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/crm.jar"]
