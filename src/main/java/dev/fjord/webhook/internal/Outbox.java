package dev.fjord.webhook.internal;

import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Writes webhook deliveries in the caller's transaction and wakes the delivery worker once it commits. */
@Component
public class Outbox {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookSettings settings;
    private final DeliveryWakeUp wakeUp;

    Outbox(JdbcClient jdbc, Clock clock, WebhookSettings settings, DeliveryWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.wakeUp = wakeUp;
    }

    /** One pending delivery per endpoint that accepts the type; nothing when the organization has none. */
    public void add(OrganizationId organization, String webhookType, String objectType, Supplier<String> body) {
        List<UUID> endpoints = jdbc.sql("""
                SELECT id FROM webhook_endpoints
                WHERE organization_id = ? AND (event_types IS NULL OR ? = ANY (event_types)) ORDER BY id""")
                .params(organization.value(), webhookType).query(UUID.class).list();
        if (endpoints.isEmpty()) {
            return;
        }
        String payload = body.get();
        Timestamp now = Timestamp.from(clock.instant());
        for (UUID endpoint : endpoints) {
            jdbc.sql("""
                    INSERT INTO webhooks (id, organization_id, webhook_endpoint_id, webhook_type, object_type, payload,
                                          attempt_limit, next_attempt_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(Ids.newId(), organization.value(), endpoint, webhookType, objectType, payload,
                            settings.attempts(), now, now, now)
                    .update();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeUp.signal();
            }
        });
    }
}
