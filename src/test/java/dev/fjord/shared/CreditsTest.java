package dev.fjord.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Lago's WalletCredit rounding (spec §2.2), worked by hand. */
class CreditsTest {

    @Test
    void rateOneAndAHalf() {
        // 20 credits × 1.5 = 30.00 USD = 3000 cents; 30.00 / 1.5 = 20.00000 credits
        assertThat(Credits.topUp(new BigDecimal("20"), new BigDecimal("1.5"), "USD"))
                .isEqualTo(new Credits.CreditAmount(new BigDecimal("20.00000"), 3000));
        // 10 credits × 1.5 = 15.00 USD
        assertThat(Credits.topUp(new BigDecimal("10"), new BigDecimal("1.5"), "USD").amountCents()).isEqualTo(1500);
    }

    @Test
    void creditsAreReDerivedFromTheRoundedAmount() {
        // 0.333 × 3 = 0.999 → 1.00 USD (half-up to cents); 1.00 / 3 = 0.333333… → 0.33333 credits
        assertThat(Credits.topUp(new BigDecimal("0.333"), new BigDecimal("3"), "USD"))
                .isEqualTo(new Credits.CreditAmount(new BigDecimal("0.33333"), 100));
    }

    @Test
    void yenHasNoMinorUnits() {
        // 10.4 credits × 1 JPY = 10.4 → 10 yen; credits re-derived: 10 / 1 = 10.00000
        assertThat(Credits.topUp(new BigDecimal("10.4"), BigDecimal.ONE, "JPY"))
                .isEqualTo(new Credits.CreditAmount(new BigDecimal("10.00000"), 10));
        // 10.5 × 1 = 10.5 → 11 yen (half-up)
        assertThat(Credits.topUp(new BigDecimal("10.5"), BigDecimal.ONE, "JPY").amountCents()).isEqualTo(11);
    }

    @Test
    void kuwaitiDinarHasThreeDecimals() {
        // 1.2345 credits × 2 KWD = 2.469 KWD = 2469 fils; 2.469 / 2 = 1.23450 credits
        assertThat(Credits.topUp(new BigDecimal("1.2345"), new BigDecimal("2"), "KWD"))
                .isEqualTo(new Credits.CreditAmount(new BigDecimal("1.23450"), 2469));
    }

    @Test
    void inputsAreFlooredToFiveDecimalsAndVoidsKeepTheirCredits() {
        // 1.999999 → 1.99999 credits; × 3 = 5.99997 → 6.00 USD; the void keeps 1.99999 credits
        assertThat(Credits.voided(new BigDecimal("1.999999"), new BigDecimal("3"), "USD"))
                .isEqualTo(new Credits.CreditAmount(new BigDecimal("1.99999"), 600));
        // while a top-up of the same re-derives 6.00 / 3 = 2.00000 credits
        assertThat(Credits.topUp(new BigDecimal("1.999999"), new BigDecimal("3"), "USD").credits())
                .isEqualByComparingTo("2");
    }

    @Test
    void centsBackToCredits() {
        // 1234 cents = 12.34 USD / 1.5 = 8.226666… → 8.22667 credits
        assertThat(Credits.fromCents(1234, new BigDecimal("1.5"), "USD")).isEqualTo(new BigDecimal("8.22667"));
    }
}
