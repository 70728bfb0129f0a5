package dev.fjord.ui.internal;

import dev.fjord.catalog.BillableMetrics;
import dev.fjord.catalog.Plans;
import dev.fjord.coupon.Coupon;
import dev.fjord.coupon.CouponPayload;
import dev.fjord.coupon.Coupons;
import dev.fjord.organization.Organization;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coupons: the list, the form to create or edit one (read by the API's own {@link CouponPayload}) — a fixed amount
 * typed in currency units or a percentage, once, for some billing periods or forever, an optional expiration, and
 * limits to plans or billable metrics — and deletion, which ends the coupon's applications as the API does.
 */
@Controller
class CouponPages {
    static final List<String> FIELDS = List.of("name", "code", "coupon_type", "amount_cents", "amount_currency",
            "percentage_rate", "frequency", "frequency_duration", "expiration", "expiration_at", "description");
    /** The API's values for each choice, in the words the form shows. */
    static final Map<String, String> TYPES = Choices.of(Coupon.FIXED_AMOUNT, "A fixed amount",
            Coupon.PERCENTAGE, "A percentage of the invoice");
    static final Map<String, String> FREQUENCIES = Choices.of("once", "Once",
            "recurring", "For a number of billing periods", "forever", "Forever");
    static final Map<String, String> EXPIRATIONS = Choices.of("no_expiration", "Never expires",
            Coupon.TIME_LIMIT, "Expires at a date");
    static final String PLAN_CODES = "applies_to.plan_codes[]";
    static final String METRIC_CODES = "applies_to.billable_metric_codes[]";
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final int CHOICES_SHOWN = 100;

    private final Coupons coupons;
    private final Plans plans;
    private final BillableMetrics metrics;
    private final Clock clock;

    CouponPages(Coupons coupons, Plans plans, BillableMetrics metrics, Clock clock) {
        this.coupons = coupons;
        this.plans = plans;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/coupons")
    String list(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) Integer page, Model model) {
        Pagination requested = Pagination.of(page, 0);
        var result = coupons.list(user.organization(), requested.pageSize(), requested.offset());
        model.addAttribute("coupons", result.coupons());
        model.addAttribute("pagination", Pagination.of(page, result.totalCount()));
        return "catalog/coupons";
    }

    @GetMapping("/coupons/new")
    String newCoupon(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            Model model) {
        Map<String, Object> values = Map.of("coupon_type", Coupon.FIXED_AMOUNT, "frequency", "once",
                "expiration", "no_expiration", "amount_currency", owner.defaultCurrency(), "reusable", "on");
        return form(user.organization(), values, List.of(), List.of(), null, model);
    }

    @PostMapping("/coupons")
    String create(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        var created = FormErrors.attempt(model, FIELDS, () -> coupons.create(user.organization(),
                CouponPayload.read(payload(form, owner.timezone(), false), true, clock.instant())));
        if (created.isEmpty()) {
            return form(user.organization(), form.toSingleValueMap(), picked(form, PLAN_CODES),
                    picked(form, METRIC_CODES), null, model);
        }
        redirect.addFlashAttribute("notice", "Coupon " + created.get().code() + " created.");
        return "redirect:/coupons";
    }

    @GetMapping("/coupons/{code}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            @PathVariable String code, Model model) {
        Coupon coupon = coupons.get(user.organization(), code);
        Map<String, Object> values = new HashMap<>();
        values.put("name", coupon.name());
        values.put("code", coupon.code());
        values.put("description", coupon.description());
        values.put("coupon_type", coupon.couponType());
        values.put("amount_cents", TypedAmount.typed(coupon.amountCents(), coupon.amountCurrency()));
        values.put("amount_currency", coupon.amountCurrency());
        values.put("percentage_rate",
                coupon.percentageRate() == null ? null : coupon.percentageRate().stripTrailingZeros().toPlainString());
        values.put("frequency", coupon.frequency());
        values.put("frequency_duration", coupon.frequencyDuration());
        values.put("expiration", coupon.expiration());
        values.put("expiration_at", coupon.expirationAt() == null ? null
                : LOCAL_INPUT.format(coupon.expirationAt().atZone(ZoneId.of(owner.timezone()))));
        if (coupon.reusable()) {
            values.put("reusable", "on");
        }
        return form(user.organization(), values, coupon.planCodes(), coupon.billableMetricCodes(), code, model);
    }

    @PostMapping("/coupons/{code}")
    String update(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            @PathVariable String code, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        var updated = FormErrors.attempt(model, FIELDS, () -> coupons.update(user.organization(), code,
                CouponPayload.read(payload(form, owner.timezone(), true), false, clock.instant())));
        if (updated.isEmpty()) {
            return form(user.organization(), form.toSingleValueMap(), picked(form, PLAN_CODES),
                    picked(form, METRIC_CODES), code, model);
        }
        redirect.addFlashAttribute("notice", "Coupon " + updated.get().code() + " saved.");
        return "redirect:/coupons";
    }

    @GetMapping("/coupons/{code}/delete")
    String confirmDeletion(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        Coupon coupon = coupons.get(user.organization(), code);
        return new Confirmation("Delete the coupon " + (coupon.name() == null ? coupon.code() : coupon.name()) + "?",
                List.of("Customers it is applied to stop getting its discount from their next invoice, and the code "
                        + coupon.code() + " becomes free.",
                        "Invoices already issued keep their discount. This cannot be undone."),
                "/coupons/" + Paths.segment(code) + "/delete", "Yes, delete the coupon", "/coupons").show(model);
    }

    /** Lago's deletion: the code becomes free and the coupon's active applications end. */
    @PostMapping("/coupons/{code}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String code, RedirectAttributes redirect) {
        coupons.delete(user.organization(), code);
        redirect.addFlashAttribute("notice", "Coupon " + code + " deleted; its applications to customers ended.");
        return "redirect:/coupons";
    }

    /**
     * The form as Lago's payload. Only the inputs of the chosen kind are sent (a percentage coupon has no amount, a
     * coupon used once no number of periods, one without expiration no date): on edit the others are cleared. The
     * picked plans and metrics are always the full lists; the expiration is read in the organization's timezone.
     */
    private static ObjectNode payload(MultiValueMap<String, String> form, String timezone, boolean editing) {
        var sent = new LinkedMultiValueMap<>(LagoPayload.withInstants(form, Set.of("expiration_at"), timezone));
        sent.remove("reusable");
        String type = form.getFirst("coupon_type");
        List<String> unused = new java.util.ArrayList<>();
        unused.addAll(Coupon.PERCENTAGE.equals(type) ? List.of("amount_cents", "amount_currency")
                : Coupon.FIXED_AMOUNT.equals(type) ? List.of("percentage_rate") : List.of());
        if (!"recurring".equals(form.getFirst("frequency"))) {
            unused.add("frequency_duration");
        }
        if (!Coupon.TIME_LIMIT.equals(form.getFirst("expiration"))) {
            unused.add("expiration_at");
        }
        unused.forEach(sent::remove);
        ObjectNode body = LagoPayload.of("coupon", sent, Set.of("frequency_duration"), editing);
        ObjectNode coupon = (ObjectNode) body.get("coupon");
        if (editing) {
            unused.forEach(coupon::putNull);
        }
        coupon.put("reusable", form.containsKey("reusable"));
        String currency = form.getFirst("amount_currency");
        if (coupon.hasNonNull("amount_currency")) {
            currency = currency.strip().toUpperCase(Locale.ROOT);
            coupon.put("amount_currency", currency);
        }
        TypedAmount.convert(coupon, "amount_cents", currency);
        ObjectNode appliesTo = coupon.withObjectProperty("applies_to");
        appliesTo.withArrayProperty("plan_codes");
        appliesTo.withArrayProperty("billable_metric_codes");
        return body;
    }

    private static List<String> picked(MultiValueMap<String, String> form, String field) {
        return form.getOrDefault(field, List.of());
    }

    private String form(OrganizationId organization, Map<String, ?> values, List<String> planCodes,
            List<String> metricCodes, String editing, Model model) {
        model.addAttribute("form", values);
        model.addAttribute("planCodes", planCodes == null ? List.of() : planCodes);
        model.addAttribute("metricCodes", metricCodes == null ? List.of() : metricCodes);
        model.addAttribute("plans", plans.list(organization, CHOICES_SHOWN, 0));
        model.addAttribute("metrics", metrics.list(organization, CHOICES_SHOWN, 0));
        model.addAttribute("types", TYPES);
        model.addAttribute("frequencies", FREQUENCIES);
        model.addAttribute("expirations", EXPIRATIONS);
        model.addAttribute("editing", editing);
        return "catalog/coupon-form";
    }
}
