package dev.fjord.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database of the shared test context. With {@code FJORD_TEST_DATABASE_URL} (Lago's URL form) a fresh database
 * is created on that server for this run; without it the embedded PostgreSQL starts in a temporary directory.
 */
public final class TestDatabase {
    private static Map<String, String> properties;

    private TestDatabase() {}

    /** Properties for a test context: either {@code DATABASE_URL} or {@code FJORD_DATA_DIR}. */
    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            String server = System.getenv("FJORD_TEST_DATABASE_URL");
            properties = server == null || server.isBlank() ? embedded() : freshDatabaseOn(server);
        }
        return properties;
    }

    private static Map<String, String> embedded() {
        try {
            return Map.of("FJORD_DATA_DIR", Files.createDirectories(Path.of("target")).resolve("test-pgdata-" + UUID.randomUUID()).toString(), "DATABASE_URL", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> freshDatabaseOn(String serverUrl) {
        DatabaseLocation server = DatabaseLocation.fromLagoUrl(serverUrl);
        String name = "fjord_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test database on " + server.jdbcUrl(), e);
        }
        String databaseUrl = serverUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        return Map.of("DATABASE_URL", databaseUrl);
    }

    public static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
