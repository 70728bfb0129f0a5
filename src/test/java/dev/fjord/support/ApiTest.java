package dev.fjord.support;

import dev.fjord.database.TestDatabase;
import dev.fjord.organization.NewOrganization;
import dev.fjord.organization.Organizations;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP-level tests: one shared Spring context on a real PostgreSQL and a real port. Each test opens its
 * own organization, so tests never see each other's rows (the same isolation production relies on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {
    @LocalServerPort
    protected int port;
    @Autowired
    protected Organizations organizations;
    @Autowired
    protected JdbcClient jdbc;

    /** The API client of this test's own organization. */
    protected ApiClient api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void openOrganization() {
        api = newOrganization("Acme Test");
    }

    /** Opens another organization and returns a client holding its API key. */
    protected ApiClient newOrganization(String name) {
        String apiKey = "test-" + UUID.randomUUID();
        organizations.create(new NewOrganization(name, apiKey, null, null));
        return new ApiClient(port, apiKey);
    }

    protected long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
