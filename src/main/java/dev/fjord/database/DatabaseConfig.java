package dev.fjord.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the database, in this order: {@code DATABASE_URL} (Lago's form), {@code spring.datasource.url}, else an
 * embedded PostgreSQL in {@code FJORD_DATA_DIR}. An external database is checked once at start so a wrong address
 * fails fast with one line rather than at the first request.
 */
@Configuration
class DatabaseConfig {
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(
            @Value("${DATABASE_URL:}") String databaseUrl,
            @Value("${spring.datasource.url:}") String springUrl,
            @Value("${spring.datasource.username:}") String springUser,
            @Value("${spring.datasource.password:}") String springPassword,
            @Value("${FJORD_DATA_DIR:./.fjord/pgdata}") String dataDirectory) {
        if (!databaseUrl.isBlank()) {
            return DatabaseServer.external(checked(DatabaseLocation.fromLagoUrl(databaseUrl)));
        }
        if (!springUrl.isBlank()) {
            return DatabaseServer.external(checked(
                    new DatabaseLocation(springUrl, blankToNull(springUser), blankToNull(springPassword))));
        }
        return DatabaseServer.embedded(EmbeddedDatabase.start(Path.of(dataDirectory)));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.location().jdbcUrl());
        dataSource.setUsername(server.location().username());
        dataSource.setPassword(server.location().password());
        dataSource.setPoolName("fjord");
        dataSource.setMaximumPoolSize(10);
        // Fjord's statements are short lookups: PostgreSQL's JIT (on by default) compiled some of them for 50 ms and
        // more when a never-analyzed table made the planner's estimate large, for queries that run in 1 ms.
        dataSource.setConnectionInitSql("SET jit = off");
        return dataSource;
    }

    private static DatabaseLocation checked(DatabaseLocation location) {
        DriverManager.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        try (Connection ignored = DriverManager.getConnection(location.jdbcUrl(), location.username(), location.password())) {
            return location;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot connect to the database at " + location.jdbcUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    /** The chosen database; closing it stops the embedded server, if that is what runs. */
    record DatabaseServer(DatabaseLocation location, EmbeddedDatabase embedded) implements AutoCloseable {
        static DatabaseServer external(DatabaseLocation location) {
            return new DatabaseServer(location, null);
        }

        static DatabaseServer embedded(EmbeddedDatabase database) {
            return new DatabaseServer(database.location(), database);
        }

        @Override
        public void close() throws Exception {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
