package dev.fjord.metering.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.ChargeCalculator;
import dev.fjord.catalog.ChargeUsage;
import dev.fjord.metering.ChargedInAdvance;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What each event adds to a pay-in-advance charge's price (Lago's {@code ApplyPayInAdvanceChargeModelService}): the
 * charge model on the period's units after the event minus before it, so an event crossing a graduated tier pays
 * each tier's part. "Before" is the aggregate row as the upsert left it minus the batch's contribution: the row is
 * locked from the upsert to the commit, so concurrent events see each other in a single order and no increment is
 * lost or counted twice. Recurring metrics are priced on the period's own units (units carried from earlier periods
 * are not billed again in advance).
 */
final class InAdvancePricing {
    private InAdvancePricing() {}

    static List<ChargedInAdvance> increments(OrganizationId organization, Contribution c, AggregateRepository.Upserted row,
            int[] uniqueDeltas) {
        Contribution.InAdvance in = c.inAdvance;
        boolean unique = c.type == AggregationType.UNIQUE_COUNT_AGG;
        // a unique count's upsert adds 0 units: its operations move them afterwards
        BigDecimal units = unique ? row.units() : row.units().subtract(c.units());
        long events = row.eventsCount() - c.eventsCount;
        BigDecimal precise = row.preciseTotalAmountCents().subtract(c.preciseTotalAmountCents);
        ObjectNode properties = in.filter() == null ? in.charge().properties() : in.filter().properties();
        int exponent = Money.exponent(in.currency());
        BigDecimal before = price(in, properties, units, events, precise, exponent);
        List<ChargedInAdvance> charged = new ArrayList<>();
        for (int i = 0; i < in.shares().size(); i++) {
            Contribution.Share share = in.shares().get(i);
            BigDecimal added = unique ? BigDecimal.valueOf(uniqueDeltas[i]) : share.units();
            units = units.add(added);
            events++;
            precise = share.preciseCents() == null ? precise : precise.add(share.preciseCents());
            BigDecimal after = price(in, properties, units, events, precise, exponent);
            BigDecimal increment = after.subtract(before).max(BigDecimal.ZERO);
            before = after;
            if (added.signum() <= 0 && increment.signum() == 0) {
                continue; // a value already counted (or removed) adds nothing to bill
            }
            charged.add(new ChargedInAdvance(organization, c.key.subscriptionId(), in.charge(), in.filter(),
                    in.groupedBy(), in.period(), share.transactionId(), added.max(BigDecimal.ZERO),
                    Money.toMinorUnits(increment, in.currency()), increment.movePointRight(exponent)));
        }
        return charged;
    }

    private static BigDecimal price(Contribution.InAdvance in, ObjectNode properties, BigDecimal units, long events,
            BigDecimal precise, int exponent) {
        ChargeUsage usage = new ChargeUsage(UsagePricing.rounded(in.metric(), units), events, null, precise);
        return ChargeCalculator.compute(in.charge().chargeModel(), properties, usage, exponent).amount();
    }
}
