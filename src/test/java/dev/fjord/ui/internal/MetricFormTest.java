package dev.fjord.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.catalog.BillableMetricPayload;
import dev.fjord.shared.BillingError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The billable metric form's fields → Lago's billable metric payload, filter rows included. */
class MetricFormTest {

    private static MultiValueMap<String, String> storageByRegionAndTier() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", "token");
        form.add("name", "Storage");
        form.add("code", "storage");
        form.add("aggregation_type", "sum_agg");
        form.add("field_name", "gb");
        form.add("rounding_function", "ceil");
        form.add("rounding_precision", "2");
        form.add("recurring", "on");
        form.add("description", "");
        // row 0 separates by lines and commas, with a blank piece; row 1 is one value; row 2 was left empty
        form.add("filters[0].key", " region ");
        form.add("filters[0].values", "eu,\r\nus, ");
        form.add("filters[1].key", "tier");
        form.add("filters[1].values", "gold");
        form.add("filters[2].key", "");
        form.add("filters[2].values", "");
        return form;
    }

    @Test
    void createSendsEveryFieldTypedAndTheFilledFilterRows() {
        var metric = MetricForm.payload(storageByRegionAndTier(), false, false).get("billable_metric");
        assertThat(metric.get("aggregation_type").asString()).isEqualTo("sum_agg");
        assertThat(metric.get("rounding_precision").asInt()).isEqualTo(2);
        assertThat(metric.get("recurring").asBoolean()).isTrue();
        assertThat(metric.has("description")).isFalse(); // blank on a create: left out
        assertThat(metric.has("_csrf")).isFalse();
        assertThat(metric.get("filters").toString())
                .isEqualTo("[{\"key\":\"region\",\"values\":[\"eu\",\"us\"]},{\"key\":\"tier\",\"values\":[\"gold\"]}]");
        var input = BillableMetricPayload.create(MetricForm.payload(storageByRegionAndTier(), false, false));
        assertThat(input.filters()).hasSize(2);
        assertThat(input.filters().get(0).values()).containsExactly("eu", "us");
    }

    @Test
    void updateClearsBlanksAndLeavesOutPricingFieldsWhenPlansUseTheMetric() {
        var metric = MetricForm.payload(storageByRegionAndTier(), true, true).get("billable_metric");
        assertThat(metric.get("description").isNull()).isTrue();
        assertThat(metric.has("aggregation_type")).isFalse();
        assertThat(metric.has("field_name")).isFalse();
        assertThat(metric.has("recurring")).isFalse();
        assertThat(metric.get("filters")).hasSize(2);
    }

    @Test
    void aRowWithoutValuesIsSentSoTheApiRefusesItAndTheMessageGoesToThatRow() {
        MultiValueMap<String, String> form = storageByRegionAndTier();
        form.set("filters[1].values", " , ");
        form.add("filters[3].key", "region");
        form.add("filters[3].values", "asia");
        var body = MetricForm.payload(form, false, false);
        assertThat(body.get("billable_metric").get("filters").get(1).get("values")).isEmpty();
        BillingError refused = BillingError.validation(Map.of("filters", List.of("value_is_mandatory", "value_already_exist")));
        var rows = MetricForm.located(MetricForm.filters(form), refused);
        assertThat(rows).extracting(MetricForm.FilterRow::message).containsExactly(null,
                "Give this filter a key and at least one value.", null, "Another filter already has this key.");
    }

    @Test
    void redrawAddsAndRemovesRows() {
        var rows = MetricForm.filters(storageByRegionAndTier());
        assertThat(MetricForm.edited(rows, "add_filter")).hasSize(4);
        assertThat(MetricForm.edited(rows, "remove_filter:0")).extracting(MetricForm.FilterRow::key)
                .containsExactly("tier", "");
        assertThat(MetricForm.edited(rows, "remove_filter:9")).hasSize(3);
    }
}
