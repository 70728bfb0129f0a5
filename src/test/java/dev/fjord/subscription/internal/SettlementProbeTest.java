package dev.fjord.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@link StatusSettlement} skips its four statements when {@link SubscriptionRepository#anythingToSettle} says nothing
 * is due: each kind of due change must turn the probe on at its instant (not a second later), the settlement must
 * still happen on the next read, and the probe must be off again once it did. Catalog: monthly plans "pro" (30.00 EUR)
 * and "basic" (10.00 EUR), and "trial" (10.00 EUR with 5 days of free trial); the clock starts on 15 March 2026.
 */
class SettlementProbeTest extends ApiTest {
    @Autowired
    private SubscriptionRepository repository;
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.plan("pro", "monthly", 3000, "EUR", "[]");
        s.plan("basic", "monthly", 1000, "EUR", "[]");
        assertThat(api.post("/api/v1/plans", """
                {"plan": {"name": "trial", "code": "trial", "interval": "monthly", "amount_cents": 1000,
                  "amount_currency": "EUR", "trial_period": 5, "charges": []}}""").status()).isEqualTo(200);
        s.customer("acme", null);
    }

    @Test
    void anActiveSubscriptionWithNothingScheduledLeavesNothingToSettle() {
        s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        assertThat(repository.anythingToSettle(organization(), Instant.parse("2026-03-15T12:00:00Z"))).isFalse();
        assertThat(repository.anythingToSettle(organization(), Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void aPendingStartIsDueAtItsSubscriptionAt() {
        s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-20T00:00:00Z\"");

        assertDueFrom(Instant.parse("2026-03-20T00:00:00Z"));
        assertThat(subscription().get("status").stringValue()).isEqualTo("active");
        assertThat(subscription().get("started_at").stringValue()).isEqualTo("2026-03-20T00:00:00Z");
        assertNothingLeftAt(Instant.parse("2026-03-20T00:00:00Z"));
    }

    @Test
    void aDowngradeIsDueAtThePeriodEnd() {
        s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.subscription("sub", "acme", "basic", null);

        // the March period of pro ends on 1 April 00:00 UTC
        assertDueFrom(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(subscription().get("plan_code").stringValue()).isEqualTo("basic");
        assertNothingLeftAt(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void anEndingIsDueAtItsEndingAt() {
        s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-01T00:00:00Z\", "
                + "\"ending_at\": \"2026-03-25T00:00:00Z\"");

        assertDueFrom(Instant.parse("2026-03-25T00:00:00Z"));
        var terminated = api.get("/api/v1/subscriptions/sub?status=terminated");
        assertThat(terminated.status()).as(terminated.raw()).isEqualTo(200);
        assertThat(terminated.body().get("subscription").get("terminated_at").stringValue())
                .isEqualTo("2026-03-25T00:00:00Z");
        assertNothingLeftAt(Instant.parse("2026-03-25T00:00:00Z"));
    }

    @Test
    void aTrialIsDueToEndAtItsStartPlusTheTrialDays() {
        s.subscription("sub", "acme", "trial", "\"subscription_at\": \"2026-03-14T00:00:00Z\"");

        // started 14 March 00:00 + 5 days of trial = 19 March 00:00
        assertDueFrom(Instant.parse("2026-03-19T00:00:00Z"));
        assertThat(subscription().get("trial_ended_at").stringValue()).isEqualTo("2026-03-19T00:00:00Z");
        assertNothingLeftAt(Instant.parse("2026-03-19T00:00:00Z"));
    }

    /** Off a second before {@code due}, on at it; then the clock moves there (the next read settles). */
    private void assertDueFrom(Instant due) {
        assertThat(repository.anythingToSettle(organization(), due.minusSeconds(1))).isFalse();
        assertThat(repository.anythingToSettle(organization(), due)).isTrue();
        clock.set(due);
    }

    private void assertNothingLeftAt(Instant at) {
        assertThat(repository.anythingToSettle(organization(), at)).isFalse();
        assertThat(repository.anythingToSettle(organization(), at.plusSeconds(86_400))).isFalse();
    }

    private JsonNode subscription() {
        var response = api.get("/api/v1/subscriptions/sub");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("subscription");
    }

    private OrganizationId organization() {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single());
    }
}
