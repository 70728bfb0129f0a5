package dev.fjord.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VersionedCacheTest {
    private static final Instant T0 = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant UNTIL = T0.plusSeconds(60);

    private final VersionedCache<String, String> cache = new VersionedCache<>(100);
    private final AtomicInteger computations = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private String get(long version, Instant now, String value) {
        return cache.get("customer", version, now, () -> {
            computations.incrementAndGet();
            return new VersionedCache.Computed<>(value, UNTIL);
        });
    }

    @Test
    void aValueIsReusedForItsVersionAndRecomputedForANewerOne() {
        assertThat(get(1, T0, "a")).isEqualTo("a");
        assertThat(get(1, T0.plusSeconds(1), "b")).isEqualTo("a");
        assertThat(get(2, T0.plusSeconds(1), "c")).isEqualTo("c");
        // A caller that read an older version (its read came first) may use a value computed from a newer one.
        assertThat(get(1, T0.plusSeconds(1), "d")).isEqualTo("c");
        assertThat(computations).hasValue(2);
    }

    @Test
    void aValueExpiresAtItsValidUntilAndWhenTheClockGoesBack() {
        get(1, T0, "a");
        assertThat(get(1, UNTIL, "b")).isEqualTo("b");
        assertThat(get(1, T0.minusSeconds(1), "c")).isEqualTo("c");
        assertThat(computations).hasValue(3);
    }

    @Test
    void concurrentCallersOfOneVersionShareOneComputation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> cache.get("customer", 1, T0, () -> {
            computations.incrementAndGet();
            await(release);
            return new VersionedCache.Computed<>("shared", UNTIL);
        }));
        waitUntil(() -> computations.get() == 1);
        List<Future<String>> others = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            others.add(threads.submit(() -> get(1, T0, "own")));
        }
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
        for (Future<String> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
        }
        assertThat(computations).hasValue(1);
    }

    @Test
    void aCallerThatReadANewerVersionNeverWaitsForAnOlderComputation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> old = threads.submit(() -> cache.get("customer", 1, T0, () -> {
            computations.incrementAndGet();
            await(release);
            return new VersionedCache.Computed<>("version 1", UNTIL);
        }));
        waitUntil(() -> computations.get() == 1);
        // A write committed after the first computation read its version: this caller computes from the new data.
        assertThat(get(2, T0, "version 2")).isEqualTo("version 2");
        release.countDown();
        assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("version 1");
        // The older result, finished last, does not replace the newer one.
        assertThat(get(2, T0, "again")).isEqualTo("version 2");
        assertThat(computations).hasValue(2);
    }

    @Test
    void aFailedComputationFailsItsWaitersAndIsNotRemembered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> failing = threads.submit(() -> cache.get("customer", 1, T0, () -> {
            computations.incrementAndGet();
            await(release);
            throw new IllegalStateException("database down");
        }));
        waitUntil(() -> computations.get() == 1);
        AtomicReference<Thread> waiting = new AtomicReference<>();
        Future<String> waiter = threads.submit(() -> {
            waiting.set(Thread.currentThread());
            return get(1, T0, "never");
        });
        waitUntil(() -> waiting.get() != null && waiting.get().getState() == Thread.State.WAITING);
        release.countDown();
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
        assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("database down");
        assertThat(get(1, T0, "recovered")).isEqualTo("recovered");
        assertThat(computations).hasValue(2);
    }

    @Test
    void memoryIsBounded() {
        VersionedCache<Integer, Integer> small = new VersionedCache<>(10);
        for (int key = 0; key < 25; key++) {
            int value = key;
            small.get(key, 1, T0, () -> new VersionedCache.Computed<>(value, UNTIL));
        }
        AtomicInteger recomputed = new AtomicInteger();
        for (int key = 0; key < 25; key++) {
            small.get(key, 1, T0, () -> {
                recomputed.incrementAndGet();
                return new VersionedCache.Computed<>(0, UNTIL);
            });
        }
        assertThat(recomputed.get()).isGreaterThan(10);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
