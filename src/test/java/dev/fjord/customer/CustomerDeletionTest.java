package dev.fjord.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Deleting a customer ends what it holds, in the same transaction (Lago's behaviour), its final invoice first. */
class CustomerDeletionTest extends ApiTest {

    @Test
    void deletingACustomerEndsItsSubscriptionsAndWallets() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        Scenario s = new Scenario(api);
        s.plan("basic", "monthly", 1000, "EUR", "[]");
        s.customer("acme", null);
        s.subscription("active", "acme", "basic", null);
        s.subscription("later", "acme", "basic", "\"subscription_at\": \"2026-06-01T00:00:00Z\"");
        String wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}").body().get("wallet").get("lago_id").stringValue();

        assertThat(api.delete("/api/v1/customers/acme").status()).isEqualTo(200);

        assertThat(api.get("/api/v1/subscriptions/active?status=terminated").body().get("subscription").get("terminated_at")
                .stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(api.get("/api/v1/subscriptions/later?status=canceled").body().get("subscription").get("status")
                .stringValue()).isEqualTo("canceled");
        JsonNode terminated = api.get("/api/v1/wallets/" + wallet).body().get("wallet");
        assertThat(terminated.get("status").stringValue()).isEqualTo("terminated");
        // The final invoice comes first and takes its credits: the plan fee of the day used, 15 March (the
        // subscription started and ended that day), 1000 × 1 / 31 = 32.26 → 32; what is left stays on the record.
        JsonNode invoice = api.get("/api/v1/invoices?invoice_type=subscription").body().get("invoices").get(0);
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(32);
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(32);
        assertThat(terminated.get("balance_cents").longValue()).isEqualTo(500 - 32);
    }
}
