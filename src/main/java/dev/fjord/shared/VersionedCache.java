package dev.fjord.shared;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values remembered per key together with the version of the data they were computed from (a counter the writers
 * move in their transactions). A caller first reads the current version, after its request arrived, then gets a value
 * computed from that version or a newer one: so the value reflects every write committed before the request. At most
 * one computation per key runs at a time; callers that need the same version or an older one wait for it.
 */
public final class VersionedCache<K, V> {
    /** A computed value and the instant from which it is stale even if no write happens (a period ends...). */
    public record Computed<V>(V value, Instant validUntil) {}

    private record Entry<V>(long version, Instant computedAt, Instant validUntil, V value) {
        /** Follows the clock both ways, so tests that move time back see fresh values. */
        boolean holdsAt(Instant now) {
            return !now.isBefore(computedAt) && now.isBefore(validUntil);
        }
    }

    /** A computation under way: it read {@code version} before reading any data. */
    private record Flight<V>(long version, CompletableFuture<Entry<V>> result) {}

    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<K, Flight<V>> flights = new ConcurrentHashMap<>();

    /** @param maxEntries beyond it the memory is cleared (a flood of keys cannot grow memory) */
    public VersionedCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * The value of {@code key} as of {@code version}, which the caller read after its request arrived: the remembered
     * one, or the result of a computation that read this version or a newer one (whose data reads therefore started
     * after the caller's arrival), running {@code compute} itself if none is under way.
     */
    public V get(K key, long version, Instant now, Supplier<Computed<V>> compute) {
        Entry<V> remembered = entries.get(key);
        if (remembered != null && remembered.version() >= version && remembered.holdsAt(now)) {
            return remembered.value();
        }
        Flight<V> mine = new Flight<>(version, new CompletableFuture<>());
        Flight<V> flight = flights.compute(key, (k, running) -> running != null && running.version() >= version ? running : mine);
        if (flight != mine) {
            Entry<V> joined = await(flight);
            if (joined.holdsAt(now)) {
                return joined.value();
            }
        }
        try {
            Computed<V> computed = compute.get();
            Entry<V> fresh = new Entry<>(version, now, computed.validUntil(), computed.value());
            remember(key, fresh);
            mine.result().complete(fresh);
            return fresh.value();
        } catch (RuntimeException | Error failure) {
            mine.result().completeExceptionally(failure);
            throw failure;
        } finally {
            flights.remove(key, mine);
        }
    }

    private void remember(K key, Entry<V> fresh) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.merge(key, fresh, (old, next) -> next.version() >= old.version() ? next : old);
    }

    private static <V> Entry<V> await(Flight<V> flight) {
        try {
            return flight.result().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
