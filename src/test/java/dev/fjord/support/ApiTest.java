package dev.fjord.support;

import dev.fjord.database.TestDatabase;
import dev.fjord.organization.NewOrganization;
import dev.fjord.organization.Organizations;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP-level tests: one shared Spring context on a real PostgreSQL and a real port. Each test opens its
 * own organization, so tests never see each other's rows (the same isolation production relies on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"fjord.jobs.enabled=false", "fjord.usage.context-ttl=PT0S"})
@Import(ApiTest.TestClockConfig.class)
public abstract class ApiTest {
    @LocalServerPort
    protected int port;
    @Autowired
    protected Organizations organizations;
    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    /** The API client of this test's own organization. */
    protected ApiClient api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void openOrganization() {
        clock.reset();
        api = newOrganization("Acme Test");
    }

    /** Whatever a test did, every wallet of its organization still reconciles with its ledger. */
    @AfterEach
    void ledgerReconciles() {
        long unbalanced = jdbc.sql("""
                SELECT count(*) FROM (
                  SELECT w.balance_cents,
                    coalesce(sum(CASE WHEN t.transaction_type = 'inbound' AND t.status = 'settled' THEN t.amount_cents
                                      WHEN t.transaction_type = 'outbound' THEN -t.amount_cents ELSE 0 END), 0) AS ledger
                  FROM wallets w LEFT JOIN wallet_transactions t ON t.wallet_id = w.id
                  JOIN api_keys k ON k.organization_id = w.organization_id
                  WHERE k.value_prefix = ? GROUP BY w.id) sums
                WHERE balance_cents <> ledger""").param(api.apiKeyPrefix()).query(Long.class).single();
        org.assertj.core.api.Assertions.assertThat(unbalanced).as("wallets out of balance with their ledger").isZero();
    }

    @TestConfiguration
    static class TestClockConfig {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    /** Opens another organization and returns a client holding its API key. */
    protected ApiClient newOrganization(String name) {
        // random from its first character: tests find their organization by the key's 8-character stored prefix
        String apiKey = UUID.randomUUID() + "-test";
        organizations.create(new NewOrganization(name, apiKey, null, null));
        return new ApiClient(port, apiKey);
    }

    protected long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
