package dev.fjord.wallet.internal;

import dev.fjord.invoicing.DraftInvoiceChanged;
import dev.fjord.metering.UsageRecorded;
import dev.fjord.shared.OrganizationId;
import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reacts within moments to what moves a customer's balances — stored events, draft invoices, top-ups, invoice debits,
 * voids, wallet changes — instead of polling: once the causing transaction commits, {@link BalanceReactions}
 * (depletion webhook, threshold rules, alerts) runs for the customer on a small pool of this instance. A customer already waiting in the
 * queue is not queued twice (a burst of events costs one check), and leaves the queue when its check starts, so a
 * change made during a check is checked again. The check is safe to run concurrently and on several instances.
 */
@Component
class BalanceWatch {
    private static final Logger log = LoggerFactory.getLogger(BalanceWatch.class);
    private static final int THREADS = 2;
    /** Customers waiting for a check; beyond it a check is dropped (and logged): the next change queues it again. */
    private static final int MAX_QUEUED = 10_000;

    private final BalanceReactions reactions;
    private final Set<Customer> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor pool;

    BalanceWatch(BalanceReactions reactions) {
        this.reactions = reactions;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_QUEUED),
                task -> {
                    Thread thread = new Thread(task, "balance-watch-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private record Customer(OrganizationId organization, UUID id) {}

    @EventListener
    void on(UsageRecorded recorded) {
        recorded.customerIds().forEach(id -> afterCommit(new Customer(recorded.organization(), id)));
    }

    /** A draft invoice's amount counts in the ongoing balance (grace period). */
    @EventListener
    void on(DraftInvoiceChanged changed) {
        afterCommit(new Customer(changed.organization(), changed.customerId()));
    }

    @EventListener
    void on(CustomerBalanceChanged changed) {
        afterCommit(new Customer(changed.organization(), changed.customerId()));
    }

    private void afterCommit(Customer customer) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            submit(customer);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                submit(customer);
            }
        });
    }

    private void submit(Customer customer) {
        if (!queued.add(customer)) {
            return;
        }
        try {
            pool.execute(() -> {
                queued.remove(customer);
                check(customer);
            });
        } catch (RejectedExecutionException full) {
            queued.remove(customer);
            log.warn("Balance checks queue full; customer {} is checked at its next change", customer.id());
        }
    }

    private void check(Customer customer) {
        try {
            reactions.react(customer.organization(), customer.id());
        } catch (PessimisticLockingFailureException deadlock) {
            // another transaction held the customer's rows in the other order: once more, it has finished by now
            retry(customer);
        } catch (RuntimeException e) {
            log.error("Balance check of customer {} failed", customer.id(), e);
        }
    }

    private void retry(Customer customer) {
        try {
            reactions.react(customer.organization(), customer.id());
        } catch (RuntimeException e) {
            log.error("Balance check of customer {} failed twice", customer.id(), e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
