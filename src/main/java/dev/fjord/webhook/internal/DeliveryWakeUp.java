package dev.fjord.webhook.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Lets the delivery loop sleep until there is work: a commit that recorded webhooks or a finished delivery wakes it
 * at once, so webhooks leave within milliseconds of their change instead of at the next poll.
 */
@Component
public class DeliveryWakeUp {
    private final Semaphore signal = new Semaphore(0);

    public void signal() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits for a signal or the timeout, and clears any signals that piled up meanwhile. */
    void await(Duration timeout) throws InterruptedException {
        signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
    }
}
