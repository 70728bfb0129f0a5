package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: JSON written with single quotes, and the validate → normalize → compute path billing will take. */
final class ChargeFixtures {
    private ChargeFixtures() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code json("{'amount': '0.5'}")}: single quotes read as double quotes. */
    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    static Map<String, List<String>> errors(ChargeModel model, String properties) {
        return ChargeProperties.validate(model, json(properties));
    }

    static BigDecimal amount(ChargeModel model, String properties, String units) {
        return amount(model, properties, ChargeUsage.of(new BigDecimal(units), 0));
    }

    /** Checks the properties are valid, normalizes them, then computes: what billing does with a stored charge. */
    static BigDecimal amount(ChargeModel model, String properties, ChargeUsage usage) {
        JsonNode input = json(properties);
        assertThat(ChargeProperties.validate(model, input)).as("validation errors").isEmpty();
        return ChargeCalculator.compute(model, ChargeProperties.normalize(model, input), usage).amount();
    }

    static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).collect(Collectors.toList());
    }

    /** Per-event values in timestamp order, with their sum as the period's units (a sum metric). */
    static ChargeUsage events(String... values) {
        List<BigDecimal> eventUnits = decimals(values);
        BigDecimal units = eventUnits.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ChargeUsage(units, eventUnits.size(), eventUnits, null);
    }
}
