package dev.fjord.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Lago's DATABASE_URL form translated to JDBC. */
class DatabaseLocationTest {

    @Test
    void readsUserPasswordHostPortAndDatabase() {
        DatabaseLocation location = DatabaseLocation.fromLagoUrl("postgresql://lago:s3cr%40t@db.internal:6543/lago_prod");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/lago_prod");
        assertThat(location.username()).isEqualTo("lago");
        assertThat(location.password()).isEqualTo("s3cr@t");
    }

    @Test
    void defaultsThePortAndKeepsQueryOptions() {
        DatabaseLocation location = DatabaseLocation.fromLagoUrl("postgres://app@localhost/billing?sslmode=require");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/billing?sslmode=require");
        assertThat(location.username()).isEqualTo("app");
        assertThat(location.password()).isNull();
    }

    @Test
    void rejectsOtherSchemesWithAClearMessage() {
        assertThatThrownBy(() -> DatabaseLocation.fromLagoUrl("mysql://root@localhost/db"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("DATABASE_URL must look like postgresql://user:password@host:port/database");
    }
}
