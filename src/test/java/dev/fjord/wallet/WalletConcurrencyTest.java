package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Many writers on one wallet: the ledger and the balance cache never drift apart and never go negative. */
class WalletConcurrencyTest extends ApiTest {
    private static final int THREADS = 16;
    private static final int OPERATIONS_PER_THREAD = 150;

    @Autowired
    private WalletTransactions transactions;
    @Autowired
    private LedgerReconciliation reconciliation;

    @Test
    void sixteenWritersMixingGrantsVoidsAndDebitsLeaveNoDrift() throws Exception {
        new Scenario(api).customer("acme", null);
        String walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1.5\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"100\"}}").body().get("wallet").get("lago_id").stringValue();
        OrganizationId organization = organizationOf(walletId);
        UUID wallet = UUID.fromString(walletId);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            writers.add(() -> {
                int refused = 0;
                for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                    try {
                        switch (ThreadLocalRandom.current().nextInt(3)) {
                            case 0 -> transactions.topUp(organization, new TopUpRequest(wallet, null,
                                    new BigDecimal("0.7"), null, null, null, false, TopUpAttributes.defaults()));
                            case 1 -> transactions.topUp(organization, new TopUpRequest(wallet, null, null,
                                    new BigDecimal("0.333"), null, null, false, TopUpAttributes.defaults()));
                            default -> transactions.debit(organization, wallet, 1 + ThreadLocalRandom.current().nextInt(150), null);
                        }
                    } catch (dev.fjord.shared.BillingError insufficient) {
                        refused++; // the wallet ran dry for a moment: refused, never overdrawn
                    }
                }
                return refused;
            });
        }
        for (Future<Integer> writer : pool.invokeAll(writers)) {
            writer.get();
        }
        pool.shutdown();

        LedgerReconciliation.Report report = reconciliation.check(organization);
        assertThat(report.mismatches()).isEmpty();
        JsonNode after = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        assertThat(after.get("balance_cents").longValue()).isGreaterThanOrEqualTo(0);
        long rows = jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?").param(wallet).query(Long.class).single();
        assertThat(rows).isGreaterThan(THREADS * OPERATIONS_PER_THREAD / 2);
    }

    @Test
    void tenConcurrentRequestsWithOneIdempotencyKeyWriteOneRow() throws Exception {
        new Scenario(api).customer("acme", null);
        String walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\"}}").body().get("wallet").get("lago_id").stringValue();
        String body = "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId + "\", \"granted_credits\": \"5\"}}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> api.send(api.request("/api/v1/wallet_transactions").header("Content-Type", "application/json")
                    .header("Idempotency-Key", "same-key").POST(HttpRequest.BodyPublishers.ofString(body))).raw());
        }
        Set<String> answers = new HashSet<>();
        for (Future<String> answer : pool.invokeAll(calls)) {
            answers.add(answer.get());
        }
        pool.shutdown();
        assertThat(answers).hasSize(1);
        assertThat(answers.iterator().next()).contains("\"granted\"");
        assertThat(jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?")
                .param(UUID.fromString(walletId)).query(Long.class).single()).isEqualTo(1);
    }

    private OrganizationId organizationOf(String walletId) {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM wallets WHERE id = ?")
                .param(UUID.fromString(walletId)).query(UUID.class).single());
    }
}
