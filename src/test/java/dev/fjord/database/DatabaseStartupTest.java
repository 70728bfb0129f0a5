package dev.fjord.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fjord.FjordApplication;
import dev.fjord.support.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The default path of a fresh machine: no database configured, so Fjord runs its embedded PostgreSQL in
 * FJORD_DATA_DIR. Starts the whole application several times on one directory, like an operator would.
 */
class DatabaseStartupTest {
    private static final String API_KEY = "bootstrap-key-0123456789";

    @Test
    void dataSurvivesARestartAndBootstrapRunsOnce() throws Exception {
        Path dataDirectory = TestDatabase.tempDirectory("embedded-restart");

        try (ConfigurableApplicationContext first = start(dataDirectory, "First Org")) {
            ApiClient api = new ApiClient(port(first), API_KEY);
            assertThat(api.get("/api/v1/organizations").body().get("organization").get("name").stringValue())
                    .isEqualTo("First Org");
            assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"kept\", \"name\": \"Kept\"}}")
                    .status()).isEqualTo(200);

            JdbcClient jdbc = first.getBean(JdbcClient.class);
            // The key and the password are never stored in clear: a SHA-256 digest and a bcrypt hash.
            assertThat(jdbc.sql("SELECT value_digest FROM api_keys").query(String.class).single())
                    .hasSize(64).doesNotContain(API_KEY);
            assertThat(jdbc.sql("SELECT value_prefix FROM api_keys").query(String.class).single()).isEqualTo("bootstra");
            assertThat(jdbc.sql("SELECT password_hash FROM users WHERE email = 'owner@first.test'").query(String.class).single())
                    .startsWith("$2a$").doesNotContain("owner-password");
        }
        // A clean stop stops the embedded server: its pid file is gone.
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();

        // A crash can leave a pid file naming a process that no longer exists; it must not block the next start.
        Files.writeString(dataDirectory.resolve("postmaster.pid"), deadPid() + "\n" + dataDirectory + "\n");

        try (ConfigurableApplicationContext second = start(dataDirectory, "Second Org")) {
            ApiClient api = new ApiClient(port(second), API_KEY);
            JsonNode customer = api.get("/api/v1/customers/kept").body().get("customer");
            assertThat(customer.get("name").stringValue()).isEqualTo("Kept");
            assertThat(api.get("/api/v1/organizations").body().get("organization").get("name").stringValue())
                    .isEqualTo("First Org");
            assertThat(second.getBean(JdbcClient.class).sql("SELECT count(*) FROM organizations").query(Long.class).single())
                    .isEqualTo(1L);
        }
    }

    @Test
    void aServerLeftRunningByACrashedProcessIsStoppedAndReplaced() throws Exception {
        Path dataDirectory = TestDatabase.tempDirectory("embedded-orphan").toAbsolutePath();
        long orphanPid = startOrphanServer(dataDirectory);
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (ConfigurableApplicationContext context = start(dataDirectory, "After Crash")) {
            assertThat(new ApiClient(port(context), API_KEY).get("/api/v1/organizations").status()).isEqualTo(200);
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void anUnreachableDatabaseFailsFastWithOneClearLine() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(FjordApplication.class)
                .run("--server.port=0", "--DATABASE_URL=postgresql://fjord:fjord@127.0.0.1:1/nowhere"));

        // Boot prints the analysis's description as the one line an operator reads.
        FailureAnalysis analysis = new DatabaseUnavailableFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("Cannot connect to the database at jdbc:postgresql://127.0.0.1:1/nowhere: Connection to 127.0.0.1:1 refused")
                .doesNotContain("\n");
    }

    private static ConfigurableApplicationContext start(Path dataDirectory, String organizationName) {
        // Command-line arguments outrank application.properties and the environment, as an operator's would.
        return new SpringApplicationBuilder(FjordApplication.class).run(
                "--server.port=0",
                "--DATABASE_URL=",
                "--spring.datasource.url=",
                "--FJORD_DATA_DIR=" + dataDirectory,
                "--LAGO_ORG_NAME=" + organizationName,
                "--LAGO_ORG_API_KEY=" + API_KEY,
                "--LAGO_ORG_USER_EMAIL=owner@first.test",
                "--LAGO_ORG_USER_PASSWORD=owner-password");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor(10, TimeUnit.SECONDS);
        return process.pid();
    }

    /** Runs {@link OrphanServer} in another JVM that dies without stopping its PostgreSQL, like a kill -9. */
    private static long startOrphanServer(Path dataDirectory) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OrphanServer.class.getName(), dataDirectory.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log").toFile())
                .start();
        assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isZero();
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
    }
}
