package dev.fjord.document.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTextTest {

    @Test
    void amountsShowExactlyTheCurrencysDecimals() {
        assertThat(MoneyText.amount(700, "EUR")).isEqualTo("€7.00");
        assertThat(MoneyText.amount(123_456_789, "EUR")).isEqualTo("€1,234,567.89");
        // JPY has no minor unit: 1235 minor units are ¥1,235
        assertThat(MoneyText.amount(1235, "JPY")).isEqualTo("¥1,235");
        // KWD has three decimals and no English symbol: the code is printed
        assertThat(MoneyText.amount(1_234_567, "KWD")).isEqualTo("KWD 1,234.567");
        assertThat(MoneyText.amount(5, "USD")).isEqualTo("$0.05");
        assertThat(MoneyText.amount(0, "GBP")).isEqualTo("£0.00");
    }

    @Test
    void deductionsAreNegative() {
        assertThat(MoneyText.deduction(200, "EUR")).isEqualTo("-€2.00");
        assertThat(MoneyText.deduction(1, "KWD")).isEqualTo("-KWD 0.001");
    }

    @Test
    void unitPricesKeepTheirExtraDecimalsButNeverFewerThanTheCurrencys() {
        assertThat(MoneyText.price(new BigDecimal("0.001000000000000"), "USD")).isEqualTo("$0.001");
        assertThat(MoneyText.price(new BigDecimal("10.5"), "EUR")).isEqualTo("€10.50");
        assertThat(MoneyText.price(new BigDecimal("1500"), "JPY")).isEqualTo("¥1,500");
    }

    @Test
    void quantitiesDropUselessZeros() {
        assertThat(MoneyText.number(new BigDecimal("4.00000"))).isEqualTo("4");
        assertThat(MoneyText.number(new BigDecimal("1234.50000"))).isEqualTo("1,234.5");
        assertThat(MoneyText.number(new BigDecimal("20.00000"))).isEqualTo("20");
    }
}
