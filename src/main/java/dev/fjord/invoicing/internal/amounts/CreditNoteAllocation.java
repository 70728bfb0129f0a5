package dev.fjord.invoicing.internal.amounts;

import dev.fjord.invoicing.CreditNoteLine;
import dev.fjord.invoicing.FeeLine;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Credit notes, after tax and before prepaid credits (spec §4.2 step 7, Lago's {@code Credits::CreditNoteService}):
 * the oldest credit note first, each takes {@code min(balance, what the invoice still owes)}; the total is spread over
 * the fees pro rata of what each costs with its taxes, so that wallets pay only what credit notes left of a fee.
 */
public final class CreditNoteAllocation {
    static final Comparator<CreditNoteLine> OLDEST_FIRST = Comparator.comparing(CreditNoteLine::createdAt)
            .thenComparing(CreditNoteLine::creditNoteId); // only to make equal timestamps deterministic

    private CreditNoteAllocation() {}

    /**
     * @param amounts per credit note, in application order, what this invoice takes of it (only amounts above 0)
     * @param preciseCreditNotes per fee key, its share of the credit notes (5 decimals, never above the fee with taxes)
     */
    public record Result(long creditNotesAmountCents, Map<UUID, Long> amounts, Map<UUID, BigDecimal> preciseCreditNotes) {}

    /**
     * @param owedCents the invoice's sub-total including taxes
     * @param afterTax per fee key, what the fee costs after coupons with its precise taxes
     */
    public static Result apply(List<CreditNoteLine> creditNotes, long owedCents, List<FeeLine> fees,
            Map<UUID, BigDecimal> afterTax) {
        Map<UUID, Long> amounts = new LinkedHashMap<>();
        long left = owedCents;
        for (CreditNoteLine note : creditNotes.stream().sorted(OLDEST_FIRST).toList()) {
            if (left <= 0) {
                break;
            }
            long taken = Math.min(note.balanceCents(), left);
            amounts.put(note.creditNoteId(), taken);
            left -= taken;
        }
        long total = owedCents - left;
        BigDecimal base = afterTax.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<UUID, BigDecimal> shares = new LinkedHashMap<>();
        for (FeeLine fee : fees) {
            BigDecimal weight = afterTax.get(fee.key());
            shares.put(fee.key(), total == 0 || base.signum() == 0 ? BigDecimal.ZERO.setScale(Money.PRECISE_SCALE)
                    : Money.preciseShare(total, weight, base).min(weight));
        }
        return new Result(total, Collections.unmodifiableMap(amounts), Collections.unmodifiableMap(shares));
    }
}
