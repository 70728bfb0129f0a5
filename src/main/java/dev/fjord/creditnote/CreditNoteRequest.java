package dev.fjord.creditnote;

import java.util.List;
import java.util.UUID;

/**
 * Lago's {@code POST /credit_notes} input, already read: amounts absent are 0, the reason defaults to {@code other}.
 *
 * @param items what to give back of each fee; a fee may appear twice (the amounts add up against its cap, as in Lago)
 */
public record CreditNoteRequest(UUID invoiceId, String reason, String description, long creditAmountCents,
        long refundAmountCents, long offsetAmountCents, List<ItemRequest> items) {

    public record ItemRequest(UUID feeId, long amountCents) {}

    public long totalAmountCents() {
        return creditAmountCents + refundAmountCents + offsetAmountCents;
    }
}
