package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.webhook.internal.WebhookDeliveries;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Delivery to a real HTTP receiver: signatures, retries, a slow receiver, a dead worker, two workers at once. */
class WebhookDeliveryTest extends ApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    Webhooks webhooks;
    @Autowired
    WebhookDeliveries deliveries;
    @Autowired
    TransactionTemplate transaction;

    Receiver receiver;
    OrganizationId organization;

    @BeforeEach
    void receiver() {
        receiver = new Receiver();
        organization = WebhookTestSupport.organizationOf(jdbc, api);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aJwtSignatureVerifiesWithThePublicKeyTheApiGives() throws Exception {
        WebhookTestSupport.createEndpoint(api, receiver.url("/jwt"), "jwt", null);
        record("customer.created", "customer", Map.of("external_id", "c-1"));

        deliveries.deliverDue(organization).join();

        Receiver.Received request = receiver.next(WAIT);
        assertThat(request.body()).isEqualTo("{\"webhook_type\":\"customer.created\",\"object_type\":\"customer\","
                + "\"organization_id\":\"" + organization + "\",\"customer\":{\"external_id\":\"c-1\"}}");
        assertThat(request.header("X-Lago-Signature-Algorithm")).isEqualTo("jwt");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode webhook = api.get("/api/v1/webhooks").body().get("webhooks").get(0);
        assertThat(request.header("X-Lago-Unique-Key")).isEqualTo(webhook.get("lago_id").stringValue());

        String pem = new String(Base64.getDecoder().decode(
                api.get("/api/v1/webhooks/json_public_key").body().get("webhook").get("public_key").stringValue()),
                StandardCharsets.UTF_8);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(api.get("/api/v1/webhooks/public_key").raw())
                .isEqualTo(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)));
        SignedJWT token = SignedJWT.parse(request.header("X-Lago-Signature"));
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.verify(new RSASSAVerifier(publicKey(pem)))).isTrue();
        assertThat(token.getJWTClaimsSet().getStringClaim("data")).isEqualTo(request.body());
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("http://localhost:3000");
        assertThat(webhook.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(webhook.get("attempts").asInt()).isEqualTo(1);
        assertThat(webhook.get("http_status").asInt()).isEqualTo(200);
    }

    @Test
    void anHmacSignatureIsTheBase64HmacOfTheBodyWithTheOrganizationsKey() throws Exception {
        WebhookTestSupport.createEndpoint(api, receiver.url("/hmac"), "hmac", null);
        record("wallet.created", "wallet", Map.of("lago_id", "w-1"));

        deliveries.deliverDue(organization).join();

        Receiver.Received request = receiver.next(WAIT);
        String key = api.get("/api/v1/webhooks/hmac_key").body().get("webhook").get("hmac_key").stringValue();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("X-Lago-Signature-Algorithm")).isEqualTo("hmac");
        assertThat(request.header("X-Lago-Signature")).isEqualTo(expected);
        // each organization has its own key
        assertThat(newOrganization("Other").get("/api/v1/webhooks/hmac_key").body().get("webhook").get("hmac_key")
                .stringValue()).isNotEqualTo(key);
    }

    @Test
    void aRefusedWebhookIsRetriedAfterItsBackoffWithTheSameUniqueKey() throws Exception {
        WebhookTestSupport.createEndpoint(api, receiver.url("/flaky"), "jwt", null);
        receiver.answer("/flaky", 500);
        record("invoice.created", "invoice", Map.of("lago_id", "i-1"));

        deliveries.deliverDue(organization).join();
        JsonNode retrying = onlyWebhook();
        assertThat(retrying.get("status").stringValue()).isEqualTo("retrying");
        assertThat(retrying.get("attempts").asInt()).isEqualTo(1);
        assertThat(retrying.get("http_status").asInt()).isEqualTo(500);
        assertThat(retrying.get("response").stringValue()).isEqualTo("HTTP 500");

        // the first backoff is 15 s plus at most 15% jitter: not due now, due 20 s later
        deliveries.deliverDue(organization).join();
        assertThat(receiver.all()).hasSize(1);
        clock.set(clock.instant().plusSeconds(20));
        deliveries.deliverDue(organization).join();

        JsonNode delivered = onlyWebhook();
        assertThat(delivered.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.get("next_attempt_at").isNull()).isTrue();
        assertThat(receiver.all()).extracting(r -> r.header("X-Lago-Unique-Key"))
                .containsExactly(delivered.get("lago_id").stringValue(), delivered.get("lago_id").stringValue());
    }

    @Test
    void aWebhookFailsAfterItsAttemptsAndCanBeSentAgainByHand() {
        WebhookTestSupport.createEndpoint(api, receiver.url("/down"), "jwt", null);
        receiver.answer("/down", 503, 503, 503, 503, 503);
        record("invoice.voided", "invoice", Map.of("lago_id", "i-1"));

        // 5 attempts (the default), the backoffs growing 15 s, 1 min, 4 min, 16 min: an hour between rounds is enough
        for (int attempt = 0; attempt < 5; attempt++) {
            deliveries.deliverDue(organization).join();
            clock.set(clock.instant().plus(Duration.ofHours(1)));
        }
        JsonNode failed = onlyWebhook();
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(5);
        assertThat(failed.get("next_attempt_at").isNull()).isTrue();
        deliveries.deliverDue(organization).join();
        assertThat(receiver.all()).hasSize(5);

        var retried = api.post("/api/v1/webhooks/" + failed.get("lago_id").stringValue() + "/retry", "");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("webhook").get("status").stringValue()).isEqualTo("pending");
        assertThat(retried.body().get("webhook").get("payload").get("webhook_type").stringValue())
                .isEqualTo("invoice.voided");
        deliveries.deliverDue(organization).join();

        JsonNode delivered = onlyWebhook();
        assertThat(delivered.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(6);
        var again = api.post("/api/v1/webhooks/" + delivered.get("lago_id").stringValue() + "/retry", "");
        assertThat(again.status()).isEqualTo(405);
        assertThat(again.body().get("code").stringValue()).isEqualTo("is_succeeded");
    }

    @Test
    void aSlowReceiverDoesNotHoldBackAnotherEndpoint() throws Exception {
        WebhookTestSupport.createEndpoint(api, receiver.url("/slow"), "jwt", null);
        WebhookTestSupport.createEndpoint(api, receiver.url("/fast"), "hmac", null);
        CountDownLatch slowAnswers = receiver.hold("/slow");
        record("customer.updated", "customer", Map.of("external_id", "c-1"));

        CompletableFuture<Void> round = deliveries.deliverDue(organization);

        // the fast endpoint is served and recorded while the slow one still has not answered
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"succeeded".equals(statusAt("/fast")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(statusAt("/fast")).isEqualTo("succeeded");
        assertThat(statusAt("/slow")).isEqualTo("pending");
        assertThat(round).isNotDone();

        slowAnswers.countDown();
        round.join();
        assertThat(statusAt("/slow")).isEqualTo("succeeded");
    }

    @Test
    void aWebhookClaimedByAWorkerThatDiedIsSentOnceItsLeaseRunsOut() throws Exception {
        WebhookTestSupport.createEndpoint(api, receiver.url("/after-crash"), "jwt", null);
        record("wallet.updated", "wallet", Map.of("lago_id", "w-1"));
        // a worker claimed it (one attempt counted, leased for 2 × 30 s + 30 s) and died before any outcome
        jdbc.sql("""
                UPDATE webhooks SET attempts = 1, claim_id = gen_random_uuid(), next_attempt_at = ?
                WHERE organization_id = ?""")
                .params(java.sql.Timestamp.from(clock.instant().plusSeconds(90)), organization.value()).update();

        deliveries.deliverDue(organization).join();
        assertThat(receiver.all()).isEmpty();
        clock.set(clock.instant().plusSeconds(91));
        deliveries.deliverDue(organization).join();

        JsonNode delivered = onlyWebhook();
        assertThat(delivered.get("status").stringValue()).isEqualTo("succeeded");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.next(WAIT).header("X-Lago-Unique-Key")).isEqualTo(delivered.get("lago_id").stringValue());
    }

    @Test
    void twoWorkersAtOnceSendEachWebhookOnce() {
        WebhookTestSupport.createEndpoint(api, receiver.url("/many"), "hmac", null);
        for (int i = 0; i < 40; i++) {
            record("fee.created", "fee", Map.of("lago_id", "f-" + i));
        }

        CompletableFuture<Void> first = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(organization))
                .thenCompose(round -> round);
        CompletableFuture<Void> second = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(organization))
                .thenCompose(round -> round);
        CompletableFuture.allOf(first, second).join();
        deliveries.deliverDue(organization).join();

        assertThat(receiver.all()).hasSize(40);
        assertThat(receiver.all().stream().map(r -> r.header("X-Lago-Unique-Key")).distinct()).hasSize(40);
        assertThat(api.get("/api/v1/webhooks?status=succeeded").body().get("meta").get("total_count").asLong())
                .isEqualTo(40);
    }

    @Test
    void theWebhookLogFiltersAndRefusesBadFilters() {
        String endpoint = WebhookTestSupport.createEndpoint(api, receiver.url("/log"), "jwt", null);
        record("plan.created", "plan", Map.of("code", "p"));
        record("plan.updated", "plan", Map.of("code", "p"));

        assertThat(api.get("/api/v1/webhooks?webhook_type=plan.updated").body().get("webhooks")).hasSize(1);
        assertThat(api.get("/api/v1/webhooks?status=pending&webhook_endpoint_id=" + endpoint).body()
                .get("meta").get("total_count").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/webhooks?status=sent").status()).isEqualTo(422);
        assertThat(api.get("/api/v1/webhooks/" + java.util.UUID.randomUUID()).body().get("code").stringValue())
                .isEqualTo("webhook_not_found");
        assertThat(newOrganization("Other").get("/api/v1/webhooks").body().get("meta").get("total_count").asLong())
                .isZero();
    }

    private void record(String type, String objectType, Object view) {
        transaction.executeWithoutResult(status -> webhooks.record(organization, type, objectType, view));
    }

    private JsonNode onlyWebhook() {
        JsonNode list = api.get("/api/v1/webhooks").body().get("webhooks");
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private String statusAt(String path) {
        return jdbc.sql("""
                SELECT w.status FROM webhooks w JOIN webhook_endpoints e ON e.id = w.webhook_endpoint_id
                WHERE w.organization_id = ? AND e.webhook_url = ?""")
                .params(organization.value(), receiver.url(path)).query(String.class).single();
    }

    private static RSAPublicKey publicKey(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }
}
