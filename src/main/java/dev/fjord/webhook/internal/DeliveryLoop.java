package dev.fjord.webhook.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs delivery rounds on one thread: at once when a commit recorded webhooks or a delivery finished, else every
 * poll interval (retries coming due, webhooks recorded by other instances, claims whose worker died). Every instance
 * runs one; they share the work through {@code SKIP LOCKED}. Tests switch it off ({@code fjord.jobs.enabled=false})
 * and drive {@link WebhookDeliveries} themselves.
 */
@Component
@ConditionalOnProperty(name = "fjord.jobs.enabled", havingValue = "true", matchIfMissing = true)
class DeliveryLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    private final WebhookDeliveries deliveries;
    private final DeliveryWakeUp wakeUp;
    private final WebhookSettings settings;
    private volatile Thread thread;

    DeliveryLoop(WebhookDeliveries deliveries, DeliveryWakeUp wakeUp, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.wakeUp = wakeUp;
        this.settings = settings;
    }

    @Override
    public void start() {
        Thread loop = new Thread(this::run, "webhook-delivery");
        loop.setDaemon(true);
        thread = loop;
        loop.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deliveries.deliverDue();
            } catch (RuntimeException e) {
                log.warn("webhook delivery round failed; trying again at the next poll", e);
            }
            try {
                wakeUp.await(settings.pollInterval());
            } catch (InterruptedException stopping) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        Thread loop = thread;
        thread = null;
        if (loop != null) {
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
