package dev.fjord.wallet.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When an interval rule tops up (spec §3.3, Lago's {@code CreateIntervalWalletTransactionsService}), in the customer's
 * timezone: on the days matching the anchor ({@code started_at}, else the wallet's creation) — weekly the same
 * weekday; monthly the same day of month, or the month's last day when the month is shorter (a 31st anchor tops up
 * on 30 April and 28 February); quarterly and semiannual the same day in every 3rd or 6th month from the anchor's;
 * yearly the same month and day (28 February for a 29 February anchor in common years). Never before the anchor and
 * never on the day the wallet was made. Pure arithmetic.
 */
final class RuleSchedule {
    /** A matching day exists within a year and a day of any date. */
    private static final int SEARCH_DAYS = 367;

    private RuleSchedule() {}

    /**
     * The first run after local day {@code after}: the start of the first matching day (or the anchor itself when
     * the anchor falls later that day).
     */
    static Instant nextRun(String interval, Instant anchor, LocalDate walletCreatedOn, LocalDate after, ZoneId zone) {
        LocalDate anchorDay = anchor.atZone(zone).toLocalDate();
        LocalDate day = after.isBefore(anchorDay) ? anchorDay : after.plusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!day.equals(walletCreatedOn) && matches(interval, anchorDay, day)) {
                Instant start = day.atStartOfDay(zone).toInstant();
                return start.isBefore(anchor) ? anchor : start;
            }
        }
        throw new IllegalStateException("no " + interval + " day within a year of " + after);
    }

    static boolean matches(String interval, LocalDate anchor, LocalDate day) {
        return switch (interval) {
            case "weekly" -> day.getDayOfWeek() == anchor.getDayOfWeek();
            case "monthly" -> sameDayOfMonth(anchor, day);
            case "quarterly" -> monthsApart(anchor, day) % 3 == 0 && sameDayOfMonth(anchor, day);
            case "semiannual" -> monthsApart(anchor, day) % 6 == 0 && sameDayOfMonth(anchor, day);
            case "yearly" -> day.getMonth() == anchor.getMonth() && sameDayOfMonth(anchor, day);
            default -> throw new IllegalArgumentException("unknown interval " + interval);
        };
    }

    /** The anchor's day of month, or the last day of a month too short for it. */
    private static boolean sameDayOfMonth(LocalDate anchor, LocalDate day) {
        return day.getDayOfMonth() == Math.min(anchor.getDayOfMonth(), day.lengthOfMonth());
    }

    private static int monthsApart(LocalDate anchor, LocalDate day) {
        return Math.floorMod(day.getMonthValue() - anchor.getMonthValue(), 12);
    }
}
