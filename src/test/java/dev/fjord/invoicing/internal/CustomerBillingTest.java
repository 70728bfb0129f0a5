package dev.fjord.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.subscription.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class CustomerBillingTest {

    /** One customer's due periods: a single period of a (mock) subscription, enough to be submitted. */
    private static List<BillSubscriptionPeriod.BilledPeriod> customer() {
        return List.of(new BillSubscriptionPeriod.BilledPeriod(Mockito.mock(Subscription.class), null, null));
    }

    @Test
    void billsEveryCustomerOnceOnSeveralThreadsAndAnswersInSubmissionOrder() {
        // 200 customers: more than the 64 in flight, so submit waits for the oldest ones on the way
        Map<Subscription, UUID> invoiceOf = new HashMap<>();
        List<List<BillSubscriptionPeriod.BilledPeriod>> customers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<BillSubscriptionPeriod.BilledPeriod> periods = customer();
            invoiceOf.put(periods.get(0).subscription(), UUID.randomUUID());
            customers.add(periods);
        }
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        List<UUID> issued;
        try (CustomerBilling billing = new CustomerBilling(2, periods -> {
            threads.add(Thread.currentThread().getName());
            calls.incrementAndGet();
            sleepMillis(1);
            return List.of(invoiceOf.get(periods.get(0).subscription()));
        })) {
            customers.forEach(billing::submit);
            billing.submit(List.of()); // a customer with nothing due is not billed
            issued = billing.issued();
        }
        assertThat(calls).hasValue(200);
        assertThat(issued).containsExactlyElementsOf(customers.stream()
                .map(periods -> invoiceOf.get(periods.get(0).subscription())).toList());
        assertThat(threads).hasSize(2);
    }

    @Test
    void theFirstFailureIsRethrownAsTheSingleThreadedRunWould() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> {
            try (CustomerBilling billing = new CustomerBilling(1, periods -> {
                if (calls.incrementAndGet() == 2) {
                    throw new IllegalStateException("database gone");
                }
                return List.of(UUID.randomUUID());
            })) {
                for (int i = 0; i < 3; i++) {
                    billing.submit(customer());
                }
                billing.issued();
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("database gone");
        assertThat(calls.get()).isGreaterThanOrEqualTo(2);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
