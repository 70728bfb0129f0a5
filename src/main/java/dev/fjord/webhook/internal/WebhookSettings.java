package dev.fjord.webhook.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivery settings. Lago's variables are honoured where Lago has one ({@code LAGO_WEBHOOK_ATTEMPTS},
 * {@code LAGO_WEBHOOK_TIMEOUT_SECONDS}, {@code LAGO_API_URL}, {@code LAGO_RSA_PRIVATE_KEY}).
 */
@Component
public class WebhookSettings {
    private final int attempts;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration pollInterval;
    private final int maxInFlight;
    private final String issuer;
    private final String rsaPrivateKey;

    WebhookSettings(
            @Value("${fjord.webhooks.attempts:${LAGO_WEBHOOK_ATTEMPTS:5}}") int attempts,
            @Value("${fjord.webhooks.timeout:${LAGO_WEBHOOK_TIMEOUT_SECONDS:30}s}") Duration timeout,
            @Value("${fjord.webhooks.initial-backoff:PT15S}") Duration initialBackoff,
            @Value("${fjord.webhooks.max-backoff:PT1H}") Duration maxBackoff,
            @Value("${fjord.webhooks.poll-interval:PT1S}") Duration pollInterval,
            @Value("${fjord.webhooks.max-in-flight:64}") int maxInFlight,
            @Value("${fjord.api-url:${LAGO_API_URL:http://localhost:3000}}") String issuer,
            @Value("${LAGO_RSA_PRIVATE_KEY:}") String rsaPrivateKey) {
        if (attempts < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("fjord.webhooks.attempts and max-in-flight must be at least 1");
        }
        this.attempts = attempts;
        this.timeout = timeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.pollInterval = pollInterval;
        this.maxInFlight = maxInFlight;
        this.issuer = issuer;
        this.rsaPrivateKey = rsaPrivateKey;
    }

    /** Attempts before a webhook is failed (a manual retry grants as many again). */
    public int attempts() {
        return attempts;
    }

    /** Per request, from connecting to the receiver's status line. */
    Duration timeout() {
        return timeout;
    }

    /**
     * The wait after failed attempt {@code n} (1-based): the initial backoff times 4^(n-1), at most the maximum,
     * plus up to 15% jitter so receivers coming back up are not hit by every retry at once.
     */
    Duration backoff(int failedAttempts, double jitter) {
        Duration base = initialBackoff;
        for (int i = 1; i < failedAttempts && base.compareTo(maxBackoff) < 0; i++) {
            base = base.multipliedBy(4);
        }
        Duration bounded = base.compareTo(maxBackoff) > 0 ? maxBackoff : base;
        return bounded.plusMillis((long) (bounded.toMillis() * 0.15 * jitter));
    }

    /** How long a claimed webhook stays with its worker before another may take it (the worker may have died). */
    Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(30);
    }

    Duration pollInterval() {
        return pollInterval;
    }

    int maxInFlight() {
        return maxInFlight;
    }

    /** The {@code iss} claim of JWT signatures: the public URL of this API, as Lago's {@code LAGO_API_URL}. */
    String issuer() {
        return issuer;
    }

    /** Lago's form: the Base64 of a PEM RSA private key; empty means the key kept in the database. */
    String rsaPrivateKey() {
        return rsaPrivateKey;
    }
}
