package dev.fjord.shared;

import com.github.f4b6a3.uuid.UuidCreator;
import java.util.UUID;

/** Primary keys are UUIDv7: time-ordered, so B-tree inserts stay local and ids sort by creation. */
public final class Ids {
    private Ids() {}

    public static UUID newId() {
        return UuidCreator.getTimeOrderedEpoch();
    }
}
