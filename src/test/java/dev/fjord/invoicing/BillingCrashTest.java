package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.fjord.FjordApplication;
import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A billing run killed mid-way (kill -9 of a real Fjord process) and run again bills every subscription exactly
 * once: each period is claimed in the same transaction as its invoice.
 */
class BillingCrashTest extends ApiTest {
    private static final int SUBSCRIPTIONS = 2_000;

    @Autowired
    private HikariDataSource dataSource;

    @Test
    void aKilledRunRestartedBillsEachSubscriptionExactlyOnce() throws Exception {
        new Scenario(api).plan("monthly", "monthly", 1000, "EUR", "[]");
        UUID organization = jdbc.sql("SELECT organization_id FROM plans WHERE id = (SELECT id FROM plans ORDER BY created_at DESC LIMIT 1)")
                .query(UUID.class).single();
        jdbc.sql("""
                INSERT INTO customers (id, organization_id, external_id, sequential_id, slug, currency, created_at, updated_at)
                SELECT gen_random_uuid(), ?, 'crash-' || i, i, 'CR-' || i, 'EUR', now(), now() FROM generate_series(1, ?) i""")
                .params(organization, SUBSCRIPTIONS).update();
        jdbc.sql("UPDATE organizations SET customer_sequence = ? WHERE id = ?").params(SUBSCRIPTIONS, organization).update();
        jdbc.sql("""
                INSERT INTO subscriptions (id, organization_id, customer_id, plan_id, external_id, status, billing_time,
                  subscription_at, started_at, created_at, updated_at)
                SELECT gen_random_uuid(), c.organization_id, c.id, p.id, 's-' || c.external_id, 'active', 'calendar',
                  '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', now(), now()
                FROM customers c JOIN plans p ON p.organization_id = c.organization_id AND p.code = 'monthly'
                WHERE c.organization_id = ?""")
                .param(organization).update();

        Process first = startFjord();
        ApiClient child = new ApiClient(port(first), apiKeyOf());
        waitUntilHealthy(child);
        Thread run = new Thread(() -> {
            try {
                child.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}");
            } catch (IllegalStateException killedMidway) {
                // the process dies under this request: that is the point
            }
        });
        run.start();
        long billed = 0;
        while (billed < SUBSCRIPTIONS / 4) {
            Thread.sleep(50);
            billed = invoices(organization);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long beforeRestart = invoices(organization);
        assertThat(beforeRestart).isBetween((long) SUBSCRIPTIONS / 4, (long) SUBSCRIPTIONS - 1);

        Process second = startFjord();
        ApiClient again = new ApiClient(port(second), apiKeyOf());
        try {
            waitUntilHealthy(again);
            var response = again.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}");
            assertThat(response.body().get("billing_run").get("invoices_count").longValue())
                    .isEqualTo(SUBSCRIPTIONS - beforeRestart);
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(invoices(organization)).isEqualTo(SUBSCRIPTIONS);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT subscription_id FROM invoice_subscriptions WHERE organization_id = ?
                GROUP BY subscription_id HAVING count(*) <> 1) twice""").param(organization).query(Long.class).single())
                .isZero();
    }

    private long invoices(UUID organization) {
        return jdbc.sql("SELECT count(*) FROM invoices WHERE organization_id = ? AND invoice_type = 'subscription'")
                .param(organization).query(Long.class).single();
    }

    private String apiKeyOf() {
        return api.request("/").build().headers().firstValue("Authorization").orElseThrow().substring("Bearer ".length());
    }

    private final java.util.Map<Process, Integer> ports = new java.util.HashMap<>();

    private int port(Process process) {
        return ports.get(process);
    }

    /** A real Fjord JVM on this test's database, jobs off, on a free port. */
    private Process startFjord() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FjordApplication.class.getName(), "--server.port=" + port, "--DATABASE_URL=",
                "--spring.datasource.url=" + dataSource.getJdbcUrl(),
                "--spring.datasource.username=" + dataSource.getUsername(),
                "--spring.datasource.password=" + (dataSource.getPassword() == null ? "" : dataSource.getPassword()),
                "--fjord.jobs.enabled=false"))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "billing-crash-" + port + ".log").toFile())
                .start();
        ports.put(process, port);
        return process;
    }

    private static void waitUntilHealthy(ApiClient client) throws InterruptedException {
        for (int i = 0; i < 1800; i++) { // up to 3 minutes: a JVM starts slowly on a loaded shared machine
            try {
                if (client.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Fjord did not start");
    }
}
