package dev.fjord.ui.internal;

import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How pages show values, called from templates as {@code @display}: amounts in their currency (minor units → "€1,234.50"),
 * credits without trailing zeros, times in the organization's timezone. Display only: nothing here rounds money.
 */
@Component("display")
public class Display {
    private static final Locale LOCALE = Locale.US;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", LOCALE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", LOCALE);
    private static final Map<String, String> CHARGE_MODELS = Map.of(
            "standard", "Standard (one price per unit)",
            "graduated", "Graduated (tiers)",
            "volume", "Volume (one tier prices all units)",
            "graduated_percentage", "Graduated percentage (a rate per tier)",
            "package", "Package (a price per group of units)",
            "percentage", "Percentage (of the amount, plus a fee per event)",
            "dynamic", "Dynamic (the price comes with each event)");
    private static final Map<String, String> AGGREGATIONS = Map.of(
            "count_agg", "Count of events",
            "sum_agg", "Sum of a property",
            "max_agg", "Maximum of a property",
            "unique_count_agg", "Count of unique values",
            "latest_agg", "Latest value of a property",
            "weighted_sum_agg", "Time-weighted sum of a property");

    public String money(Long minorUnits, String currency) {
        if (minorUnits == null || currency == null) {
            return "—";
        }
        int exponent = Money.exponent(currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(LOCALE);
        format.setCurrency(Currency.getInstance(currency));
        format.setMinimumFractionDigits(exponent);
        format.setMaximumFractionDigits(exponent);
        return format.format(BigDecimal.valueOf(minorUnits, exponent));
    }

    public String credits(BigDecimal credits) {
        if (credits == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getNumberInstance(LOCALE);
        format.setMaximumFractionDigits(5);
        format.setRoundingMode(RoundingMode.UNNECESSARY); // credits have at most 5 decimals: shown exactly
        return format.format(credits);
    }

    /** A rate in percent as typed: 20.00000 → "20%", 5.5 → "5.5%". */
    public String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.stripTrailingZeros().toPlainString() + "%";
    }

    public String time(Instant instant, String timezone) {
        return instant == null ? "—" : DATE_TIME.format(instant.atZone(zone(timezone)));
    }

    public String date(Instant instant, String timezone) {
        return instant == null ? "—" : DATE.format(instant.atZone(zone(timezone)));
    }

    public String date(LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }

    /** "payment_status" → "Payment status": enum codes as words. */
    public String words(String code) {
        return code == null ? "—" : ErrorMessages.label(code);
    }

    /** A charge model as the plan form offers it. */
    public String chargeModel(String code) {
        return CHARGE_MODELS.getOrDefault(code, words(code));
    }

    /** How each aggregation reads to someone who does not know its code. */
    public String aggregation(String code) {
        return AGGREGATIONS.getOrDefault(code, words(code));
    }

    private static ZoneId zone(String timezone) {
        return ZoneId.of(timezone == null ? "UTC" : timezone);
    }
}
