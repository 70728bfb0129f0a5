package dev.fjord.creditnote;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lago's {@code POST /credit_notes} input, already read: amounts absent are 0, the reason defaults to {@code other}.
 *
 * @param items what to give back of each fee; a fee may appear twice (the amounts add up against its cap, as in Lago)
 * @param metadata Lago's metadata object, null when none
 */
public record CreditNoteRequest(UUID invoiceId, String reason, String description, long creditAmountCents,
        long refundAmountCents, long offsetAmountCents, List<ItemRequest> items, Map<String, String> metadata) {

    public record ItemRequest(UUID feeId, long amountCents) {}

    public long totalAmountCents() {
        return creditAmountCents + refundAmountCents + offsetAmountCents;
    }
}
