package dev.fjord.invoicing.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Bills a run's customers on a few threads while the caller reads the next ones. At most {@link #IN_FLIGHT} customers
 * wait or run at a time, so a run over 100,000 subscriptions keeps a flat heap; their invoices are answered in the
 * order the customers were submitted. The first failure stops the run and is rethrown, as a single-threaded run would.
 */
public final class CustomerBilling implements AutoCloseable {
    private static final int IN_FLIGHT = 64;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final ExecutorService pool;
    private final Function<List<BillSubscriptionPeriod.BilledPeriod>, List<UUID>> billCustomer;
    private final Deque<Future<List<UUID>>> pending = new ArrayDeque<>();
    private final List<UUID> issued = new ArrayList<>();

    public CustomerBilling(int threads, Function<List<BillSubscriptionPeriod.BilledPeriod>, List<UUID>> billCustomer) {
        int run = RUNS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread worker = new Thread(task, "billing-run-" + run + "-" + thread.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
        this.billCustomer = billCustomer;
    }

    /** Queues one customer's due periods (nothing happens for none); waits when too many are in flight. */
    public void submit(List<BillSubscriptionPeriod.BilledPeriod> customerPeriods) {
        if (customerPeriods.isEmpty()) {
            return;
        }
        List<BillSubscriptionPeriod.BilledPeriod> periods = List.copyOf(customerPeriods);
        pending.addLast(pool.submit(() -> billCustomer.apply(periods)));
        while (pending.size() > IN_FLIGHT) {
            collect(pending.removeFirst());
        }
    }

    /** Waits for every submitted customer; answers all invoices issued, in submission order. */
    public List<UUID> issued() {
        while (!pending.isEmpty()) {
            collect(pending.removeFirst());
        }
        return issued;
    }

    private void collect(Future<List<UUID>> customer) {
        try {
            issued.addAll(customer.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new CompletionException(e.getCause());
        }
    }

    /**
     * Stops the workers. After a failure, customers still queued are dropped (the next run bills them) and the ones
     * being billed finish their transaction.
     */
    @Override
    public void close() {
        pending.forEach(customer -> customer.cancel(false));
        pool.shutdown();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
