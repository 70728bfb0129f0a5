package dev.fjord.webhook.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.internal.DeliveryRepository.Claimed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends due webhooks. Each round claims as many due rows as there are free delivery slots, POSTs them all at once
 * (asynchronous HTTP with a per-request timeout, so a slow receiver holds one slot, never the others), and records
 * each outcome as it arrives: success, a retry after a growing backoff, or failure once the attempts are spent.
 * A worker that dies mid-delivery loses nothing: its claims expire and another round sends them again, with the same
 * {@code X-Lago-Unique-Key}.
 */
@Component
public class WebhookDeliveries implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final DeliveryRepository repository;
    private final WebhookSignatures signatures;
    private final WebhookSettings settings;
    private final DeliveryWakeUp wakeUp;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore slots;
    /** Outcomes are written off the HTTP client's threads, which must never block on the database. */
    private final ExecutorService outcomes = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "webhook-outcomes");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDeliveries(DeliveryRepository repository, WebhookSignatures signatures, WebhookSettings settings,
            DeliveryWakeUp wakeUp, Clock clock) {
        this.repository = repository;
        this.signatures = signatures;
        this.settings = settings;
        this.wakeUp = wakeUp;
        this.clock = clock;
        this.slots = new Semaphore(settings.maxInFlight());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One round over every organization; completes when every webhook it sent has its outcome written. */
    public CompletableFuture<Void> deliverDue() {
        return deliver(null);
    }

    /** One round over one organization's webhooks (tests drive the worker this way). */
    public CompletableFuture<Void> deliverDue(OrganizationId organization) {
        return deliver(organization);
    }

    private CompletableFuture<Void> deliver(OrganizationId organization) {
        int free = slots.drainPermits();
        List<Claimed> claimed = List.of();
        try {
            if (free > 0) {
                Instant now = clock.instant();
                claimed = repository.claim(free, organization, now, now.plus(settings.lease()));
            }
        } finally {
            slots.release(free - claimed.size());
        }
        return CompletableFuture.allOf(claimed.stream().map(this::send).toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(Claimed webhook) {
        CompletableFuture<Void> done;
        try {
            done = http.sendAsync(request(webhook), HttpResponse.BodyHandlers.discarding())
                    .handleAsync((response, error) -> {
                        record(webhook, response, error);
                        return null;
                    }, outcomes);
        } catch (RuntimeException unsendable) {
            done = CompletableFuture.runAsync(() -> record(webhook, null, unsendable), outcomes);
        }
        return done.whenComplete((ignored, error) -> {
            if (error != null) {
                log.warn("could not record the outcome of webhook {}; it will be sent again", webhook.id(), error);
            }
            slots.release();
            wakeUp.signal();
        });
    }

    private HttpRequest request(Claimed webhook) {
        return HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Fjord")
                .header("X-Lago-Signature",
                        signatures.sign(webhook.signatureAlgo(), webhook.organization(), webhook.payload()))
                .header("X-Lago-Signature-Algorithm", webhook.signatureAlgo())
                .header("X-Lago-Unique-Key", webhook.id().toString())
                .POST(HttpRequest.BodyPublishers.ofString(webhook.payload()))
                .build();
    }

    private void record(Claimed webhook, HttpResponse<Void> response, Throwable error) {
        Instant now = clock.instant();
        boolean succeeded = error == null && response.statusCode() / 100 == 2;
        Integer status = response == null ? null : response.statusCode();
        if (succeeded) {
            repository.recordOutcome(webhook, true, status, null, null, now);
            return;
        }
        String reason = error == null ? "HTTP " + status : describe(error);
        Instant next = webhook.attempts() >= webhook.attemptLimit() ? null
                : now.plus(settings.backoff(webhook.attempts(), ThreadLocalRandom.current().nextDouble()));
        repository.recordOutcome(webhook, false, status, reason, next, now);
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void destroy() {
        outcomes.shutdown();
    }
}
