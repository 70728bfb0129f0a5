package dev.fjord.support;

import dev.fjord.metering.CurrentUsage;
import java.time.Duration;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The shared test context reuses no pricing context ({@code fjord.usage.context-ttl=PT0S}), which would hide the
 * remembered ongoing-balance path: a test that proves what refreshes a remembered balance holds a longer one, then
 * gives the shared value back.
 */
public final class PricingContextTtl {
    private final CurrentUsage currentUsage;
    private final Object shared;

    private PricingContextTtl(CurrentUsage currentUsage, Object shared) {
        this.currentUsage = currentUsage;
        this.shared = shared;
    }

    public static PricingContextTtl hold(CurrentUsage currentUsage, Duration ttl) {
        Object shared = ReflectionTestUtils.getField(currentUsage, "contextTtl");
        ReflectionTestUtils.setField(currentUsage, "contextTtl", ttl);
        return new PricingContextTtl(currentUsage, shared);
    }

    public void restore() {
        ReflectionTestUtils.setField(currentUsage, "contextTtl", shared);
    }
}
