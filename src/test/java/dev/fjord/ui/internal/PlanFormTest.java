package dev.fjord.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The plan form's fields → Lago's plan payload, several charges and their filters included. */
class PlanFormTest {

    private static MultiValueMap<String, String> twoChargePlan() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("name", "Cloud");
        form.add("code", "cloud");
        form.add("interval", "monthly");
        form.add("amount_cents", "19.90");
        form.add("amount_currency", "eur");
        // charge 0: graduated calls, [0, 1000] free then 0.002 per call; two of the four tier rows left empty
        form.add("charges[0].billable_metric_id", "m-calls");
        form.add("charges[0].charge_model", "graduated");
        form.addAll("charges[0].tier_from", List.of("0", "1000", "", ""));
        form.addAll("charges[0].tier_to", List.of("1000", "", "", ""));
        form.addAll("charges[0].tier_per_unit", List.of("0", "0.002", "", ""));
        form.addAll("charges[0].tier_flat", List.of("", "5", "", ""));
        // charge 1: standard storage at 1.00 per GB, billed in advance, 0.50 for region eu
        form.add("charges[1].billable_metric_id", "m-storage");
        form.add("charges[1].charge_model", "standard");
        form.add("charges[1].pay_in_advance", "on");
        form.add("charges[1].invoice_display_name", "Storage");
        form.add("charges[1].amount", "1.00");
        form.add("charges[1].package_size", "10"); // typed under another model: not the standard model's field
        form.add("charges[1].filters[0].invoice_display_name", "Storage EU");
        form.add("charges[1].filters[0].values.region", "eu");
        form.add("charges[1].filters[0].amount", "0.50");
        return form;
    }

    @Test
    void severalChargesEachWithItsModelAndFiltersBecomeLagosCharges() {
        var plan = PlanForm.payload(twoChargePlan()).get("plan");

        // 19.90 EUR = 1990 cents; the currency is sent upper case
        assertThat(plan.get("amount_cents").asLong()).isEqualTo(1990);
        assertThat(plan.get("amount_currency").asString()).isEqualTo("EUR");
        assertThat(plan.get("charges")).hasSize(2);
        assertThat(plan.get("charges").get(0).toString()).isEqualTo("""
                {"billable_metric_id":"m-calls","charge_model":"graduated","pay_in_advance":false,\
                "properties":{"graduated_ranges":[\
                {"from_value":0,"to_value":1000,"per_unit_amount":"0","flat_amount":"0"},\
                {"from_value":1000,"to_value":null,"per_unit_amount":"0.002","flat_amount":"5"}]},\
                "filters":[]}""");
        assertThat(plan.get("charges").get(1).toString()).isEqualTo("""
                {"billable_metric_id":"m-storage","charge_model":"standard","pay_in_advance":true,\
                "invoice_display_name":"Storage","properties":{"amount":"1.00"},\
                "filters":[{"invoice_display_name":"Storage EU","properties":{"amount":"0.50"},\
                "values":{"region":["eu"]}}]}""");
    }

    @Test
    void aChargeWithoutMetricIsSentWithoutOneForTheApiToAskForIt() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("charges[0].billable_metric_id", "");
        form.add("charges[0].charge_model", "package");
        form.add("charges[0].amount", "2");
        form.add("charges[0].package_size", "10");
        var charge = PlanForm.payload(form).get("plan").get("charges").get(0);

        assertThat(charge.has("billable_metric_id")).isFalse();
        // counts as JSON integers, free units left out when not typed
        assertThat(charge.get("properties").toString()).isEqualTo("{\"amount\":\"2\",\"package_size\":10}");
    }

    @Test
    void theFormsButtonsAddAndRemoveChargesAndFilters() {
        List<PlanForm.Charge> charges = PlanForm.charges(twoChargePlan());

        List<PlanForm.Charge> three = PlanForm.edited(charges, "add_charge");
        assertThat(three).hasSize(3);
        assertThat(three.get(2).metricId()).isEmpty();
        assertThat(three.get(2).model()).isEqualTo("standard");

        List<PlanForm.Charge> storageOnly = PlanForm.edited(charges, "remove_charge:0");
        assertThat(storageOnly).extracting(PlanForm.Charge::metricId).containsExactly("m-storage");

        List<PlanForm.Charge> twoFilters = PlanForm.edited(charges, "add_filter:1");
        assertThat(twoFilters.get(1).filters()).hasSize(2);
        assertThat(twoFilters.get(1).filters().get(1).values()).isEmpty();

        List<PlanForm.Charge> noFilter = PlanForm.edited(charges, "remove_filter:1:0");
        assertThat(noFilter.get(1).filters()).isEmpty();
        assertThat(noFilter.get(1).prices().get("amount")).isEqualTo("1.00");

        // an index the form does not hold, or no action (a redraw), changes nothing
        assertThat(PlanForm.edited(charges, "remove_charge:7")).isEqualTo(charges);
        assertThat(PlanForm.edited(charges, "")).isEqualTo(charges);
    }

    @Test
    void editingSendsTheStoredChargesIdAndWhatTheFormDoesNotShowAsItWas() {
        MultiValueMap<String, String> form = twoChargePlan();
        form.add("locked_terms", "1");
        form.add("charges[1].id", "c-storage");
        form.add("charges[1].kept", "{\"min_amount_cents\": 500, \"invoiceable\": false,"
                + " \"properties\": {\"pricing_group_keys\": [\"region\"], \"amount\": \"9\"}}");
        form.add("charges[1].filters[0].kept", "{\"properties\": {\"pricing_group_keys\": [\"az\"]}}");
        form.add("charges[0].kept", "not json"); // carries nothing
        var plan = PlanForm.payload(form).get("plan");

        // a subscribed plan's interval, currency and pay in advance are not sent; the price still reads in EUR
        assertThat(plan.has("interval") || plan.has("amount_currency") || plan.has("pay_in_advance")).isFalse();
        assertThat(plan.get("amount_cents").asLong()).isEqualTo(1990);
        assertThat(plan.get("charges").get(0).has("min_amount_cents")).isFalse();
        // the typed amount wins over a carried one
        assertThat(plan.get("charges").get(1).toString()).isEqualTo("""
                {"min_amount_cents":500,"invoiceable":false,"id":"c-storage","billable_metric_id":"m-storage",\
                "charge_model":"standard","pay_in_advance":true,"invoice_display_name":"Storage",\
                "properties":{"pricing_group_keys":["region"],"amount":"1.00"},\
                "filters":[{"invoice_display_name":"Storage EU","properties":{"pricing_group_keys":["az"],"amount":"0.50"},\
                "values":{"region":["eu"]}}]}""");
    }

    @Test
    void tierTablesAlwaysOfferAnEmptyRow() {
        // 5 typed tiers → 6 rows; none typed → one tier from 0 and three empty rows
        var five = new PlanForm.Prices(java.util.Map.of(), List.of(new PlanForm.Tier("0", "1", "", ""),
                new PlanForm.Tier("1", "2", "", ""), new PlanForm.Tier("2", "3", "", ""),
                new PlanForm.Tier("3", "4", "", ""), new PlanForm.Tier("4", "", "", "")));
        assertThat(five.rows()).hasSize(6);
        assertThat(PlanForm.Prices.none().rows()).extracting(PlanForm.Tier::from).containsExactly("0", "", "", "");
    }
}
