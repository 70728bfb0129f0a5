package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.errors;
import static dev.fjord.catalog.ChargeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules shared by every model: decimal strings, defaults, grouping keys; and the standard and dynamic models. */
class ChargePropertiesTest {
    private static final ChargeModel STANDARD = ChargeModel.STANDARD;

    @ParameterizedTest(name = "amount {0} is valid")
    @ValueSource(strings = {"'0'", "'0.5'", "'12'", "'1e3'", "'.5'", "'5.'", "'0.000001'", "'+2'", "'-0'"})
    void acceptsDecimalStrings(String amount) {
        assertThat(errors(STANDARD, "{'amount': " + amount + "}")).isEmpty();
    }

    @ParameterizedTest(name = "amount {0} is invalid")
    @ValueSource(strings = {
        // JSON numbers: Lago takes strings only, so no float parsing touches a price
        "0.5", "5",
        // negative, not a number, blank, with spaces or separators
        "'-1'", "'-0.01'", "'abc'", "''", "' 1'", "'1_000'", "'1,5'", "'0x1A'",
        "'NaN'", "'Infinity'",
        // Fjord guard: absurd magnitudes would blow up later arithmetic
        "'1e999999999'", "'1e-999999999'",
        "null", "true", "[]", "{}",
    })
    void rejectsAnythingElse(String amount) {
        assertThat(errors(STANDARD, "{'amount': " + amount + "}")).isEqualTo(Map.of("amount", List.of("invalid_amount")));
    }

    @Test
    void amountIsRequired() {
        assertThat(errors(STANDARD, "{'grouped_by': ['region']}")).isEqualTo(Map.of("amount", List.of("invalid_amount")));
    }

    @Test
    void normalizedStandardKeepsTheAmountAsSentAndDropsOtherKeys() {
        assertThat(ChargeProperties.normalize(STANDARD, json("{'amount': '0.50', 'rate': '3', 'foo': 1}")))
                .isEqualTo(json("{'amount': '0.50'}"));
    }

    @ParameterizedTest(name = "{0}: absent properties are Lago's defaults")
    @EnumSource(ChargeModel.class)
    void absentOrEmptyPropertiesAreTheModelDefaults(ChargeModel model) {
        assertThat(ChargeProperties.validate(model, null)).isEmpty();
        assertThat(ChargeProperties.validate(model, json("{}"))).isEmpty();
        assertThat(ChargeProperties.normalize(model, json("{}"))).isEqualTo(ChargeProperties.normalize(model, null));
    }

    @Test
    void defaultsAreLagos() {
        assertThat(ChargeProperties.normalize(STANDARD, null)).isEqualTo(json("{'amount': '0'}"));
        assertThat(ChargeProperties.normalize(ChargeModel.GRADUATED, null)).isEqualTo(json("{'graduated_ranges': "
                + "[{'from_value': 0, 'to_value': null, 'per_unit_amount': '0', 'flat_amount': '0'}]}"));
        assertThat(ChargeProperties.normalize(ChargeModel.PACKAGE, null))
                .isEqualTo(json("{'amount': '0', 'package_size': 1, 'free_units': 0}"));
        assertThat(ChargeProperties.normalize(ChargeModel.PERCENTAGE, null))
                .isEqualTo(json("{'rate': '0', 'fixed_amount': '0'}"));
        assertThat(ChargeProperties.normalize(ChargeModel.DYNAMIC, null)).isEqualTo(json("{}"));
    }

    @ParameterizedTest(name = "properties {0} are invalid")
    @ValueSource(strings = {"[]", "'amount'", "5", "true"})
    void propertiesMustBeAnObject(String properties) {
        assertThat(errors(STANDARD, properties)).isEqualTo(Map.of("properties", List.of("value_is_invalid")));
    }

    @Test
    void normalizeRefusesInvalidProperties() {
        assertThatThrownBy(() -> ChargeProperties.normalize(STANDARD, json("{'amount': 5}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid_amount");
    }

    @Test
    void dynamicHasNoPropertiesOfItsOwn() {
        assertThat(errors(ChargeModel.DYNAMIC, "{'amount': 'anything'}")).isEmpty();
        assertThat(ChargeProperties.normalize(ChargeModel.DYNAMIC, json("{'amount': '1', 'pricing_group_keys': ['model']}")))
                .isEqualTo(json("{'pricing_group_keys': ['model'], 'grouped_by': ['model']}"));
    }

    @ParameterizedTest(name = "{0} accepts grouping keys")
    @EnumSource(ChargeModel.class)
    void everyModelAcceptsGroupingKeys(ChargeModel model) {
        assertThat(ChargeProperties.validate(model, json("{'pricing_group_keys': ['region', 'tier']}")))
                .doesNotContainKeys("pricing_group_keys");
        assertThat(ChargeProperties.validate(model, json("{'pricing_group_keys': 'region'}")))
                .containsEntry("pricing_group_keys", List.of("invalid_type"));
    }

    @Test
    void groupingKeysAreRenderedUnderBothNames() {
        // Lago's serializer fills the deprecated grouped_by from pricing_group_keys and the other way round.
        assertThat(ChargeProperties.normalize(STANDARD, json("{'amount': '1', 'grouped_by': ['agent']}")))
                .isEqualTo(json("{'amount': '1', 'pricing_group_keys': ['agent'], 'grouped_by': ['agent']}"));
        assertThat(ChargeProperties.normalize(STANDARD, json("{'amount': '1', 'pricing_group_keys': ['a'], 'grouped_by': ['b']}")))
                .isEqualTo(json("{'amount': '1', 'pricing_group_keys': ['a'], 'grouped_by': ['a']}"));
    }

    @Test
    void emptyGroupingKeysAreDropped() {
        assertThat(ChargeProperties.normalize(STANDARD, json("{'amount': '1', 'pricing_group_keys': [], 'grouped_by': null}")))
                .isEqualTo(json("{'amount': '1'}"));
    }

    @ParameterizedTest(name = "grouping keys {0} are invalid")
    @ValueSource(strings = {"'region'", "[1]", "['']", "['  ']", "['a', null]", "{}", "true"})
    void groupingKeysAreNonBlankStrings(String keys) {
        assertThat(errors(STANDARD, "{'amount': '1', 'pricing_group_keys': " + keys + "}"))
                .isEqualTo(Map.of("pricing_group_keys", List.of("invalid_type")));
        assertThat(errors(STANDARD, "{'amount': '1', 'grouped_by': " + keys + "}"))
                .isEqualTo(Map.of("grouped_by", List.of("invalid_type")));
    }

    @Test
    void presentationGroupKeysAreKeptWhenValid() {
        String keys = "[{'value': 'region'}, {'value': 'team', 'options': {'display_in_invoice': true}}]";
        assertThat(errors(STANDARD, "{'amount': '1', 'presentation_group_keys': " + keys + "}")).isEmpty();
        assertThat(ChargeProperties.normalize(STANDARD, json("{'amount': '1', 'presentation_group_keys': " + keys + "}")))
                .isEqualTo(json("{'amount': '1', 'presentation_group_keys': " + keys + "}"));
    }

    @ParameterizedTest(name = "presentation keys {0} are invalid")
    @ValueSource(strings = {
        "'region'", "['region']", "[{'value': ''}]", "[{'value': 1}]", "[{'options': {'display_in_invoice': true}}]",
        "[{'value': 'a', 'other': 1}]", "[{'value': 'a', 'options': {'display_in_invoice': 'yes'}}]",
        "[{'value': 'a', 'options': {'display_in_invoice': true, 'x': 1}}]", "[{'value': 'a', 'options': []}]",
    })
    void presentationGroupKeysHaveAValueAndOptionalDisplayFlag(String keys) {
        assertThat(errors(STANDARD, "{'amount': '1', 'presentation_group_keys': " + keys + "}"))
                .isEqualTo(Map.of("presentation_group_keys", List.of("invalid_type")));
    }

    @Test
    void atMostTwoDistinctPresentationGroupKeys() {
        assertThat(errors(STANDARD, "{'amount': '1', 'presentation_group_keys': [{'value': 'a'}, {'value': 'b'}, {'value': 'c'}]}"))
                .isEqualTo(Map.of("presentation_group_keys", List.of("too_many_keys")));
        assertThat(errors(STANDARD, "{'amount': '1', 'presentation_group_keys': [{'value': 'a'}, {'value': 'a'}]}"))
                .isEqualTo(Map.of("presentation_group_keys", List.of("value_is_duplicated")));
    }

    @Test
    void errorsOfSeveralKeysAreAllReported() {
        assertThat(errors(STANDARD, "{'amount': 1, 'pricing_group_keys': 'x', 'presentation_group_keys': 'y'}"))
                .containsExactly(Map.entry("amount", List.of("invalid_amount")),
                        Map.entry("pricing_group_keys", List.of("invalid_type")),
                        Map.entry("presentation_group_keys", List.of("invalid_type")));
    }
}
