package dev.fjord.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.organization.NewOrganization;
import dev.fjord.organization.UserAccount;
import dev.fjord.organization.UserAccounts;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import dev.fjord.webhook.Receiver;
import dev.fjord.webhook.internal.WebhookDeliveries;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web UI's main journeys in a real browser (headless Debian chromium), against the shared test server: one
 * browser for the class, a fresh organization with its admin user for each test. Screenshots land in
 * {@code target/screenshots}.
 */
class WebUiJourneyTest extends ApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static Browser browser;
    @Autowired
    private UserAccounts accounts;

    @Autowired
    WebhookDeliveries deliveries;

    @Autowired
    private dev.fjord.wallet.Wallets wallets;

    private String email;

    @BeforeEach
    void openOrganizationWithAdmin() {
        if (browser == null) {
            browser = new Browser(port);
        }
        browser.signOut();
        email = "admin-" + UUID.randomUUID() + "@nordlys.test";
        String apiKey = "ui-" + UUID.randomUUID();
        organizations.create(new NewOrganization("Nordlys Energy", apiKey, email, PASSWORD));
        api = new ApiClient(port, apiKey); // ApiTest's ledger check then covers this organization
    }

    /** The last page each test saw, whatever happened: a failure is easier to read on the picture. */
    @AfterEach
    void lastPage(TestInfo test) {
        browser.screenshot("last-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void customerWalletTopUpAndPaidInvoice() {
        browser.open("/customers");
        assertThat(browser.path()).isEqualTo("/login");
        browser.fill("email", email);
        browser.fill("password", "wrong password");
        browser.click("Sign in");
        assertThat(browser.page()).contains("That e-mail and password do not match.");
        browser.screenshot("01-login-error");

        signIn();
        assertThat(browser.path()).startsWith("/customers");

        browser.click("New customer");
        browser.fillLabelled("External id", "cust-bakery");
        browser.fillLabelled("Name", "Bakery Solberg");
        browser.fillLabelled("E-mail", "not-an-email");
        browser.fillLabelled("Currency (e.g. EUR)", "EUR");
        browser.click("Create customer");
        // the API's own rule (invalid_email_format), in plain words, next to the field
        assertThat(browser.page()).contains("Enter a valid e-mail address");
        browser.screenshot("02-customer-validation");
        browser.fillLabelled("E-mail", "billing@solberg.no");
        browser.click("Create customer");
        assertThat(browser.path()).isEqualTo("/customers/cust-bakery");
        assertThat(browser.page()).contains("Bakery Solberg", "billing@solberg.no");

        browser.click("New wallet");
        browser.fillLabelled("Name", "Prepaid energy");
        browser.fillLabelled("Rate (price of one credit)", "0.5");
        browser.fillLabelled("Granted credits", "100");
        browser.screenshot("03-wallet-form");
        browser.click("Create wallet");
        // 100 granted credits at 0.50 EUR each = 50.00 EUR, settled at once
        assertThat(browser.text("#balance")).isEqualTo("€50.00");
        assertThat(browser.text("#credits")).isEqualTo("100 credits");

        browser.fillIn("top-up", "paid_credits", "40");
        browser.fillIn("top-up", "granted_credits", "20");
        browser.clickIn("top-up", "Top up");
        assertThat(browser.page()).contains("Top-up recorded.");
        // granted 20 × 0.50 = 10.00 settle at once: 50.00 + 10.00 = 60.00; the 40 paid credits wait for payment
        assertThat(browser.text("#balance")).isEqualTo("€60.00");
        assertThat(browser.text("#ledger")).contains("Purchased", "Pending", "+40", "€20.00", "Granted", "+20", "€10.00");
        browser.screenshot("04-wallet-after-top-up");

        browser.click("View invoice");
        assertThat(browser.text("#invoice-total")).isEqualTo("€20.00"); // 40 paid credits × 0.50
        browser.screenshot("05-credit-invoice");
        browser.click("Mark as paid");
        assertThat(browser.page()).contains("Payment status updated.", "Succeeded");
        browser.screenshot("06-invoice-paid");
        String invoicePage = browser.path();
        browser.click("Download PDF"); // the first download makes the PDF, then the browser shows it
        assertThat(browser.path()).startsWith("/documents/").endsWith(".pdf");
        browser.open(invoicePage);
        assertThat(browser.href("#pdf-link")).contains("/documents/"); // made once: now a plain link

        browser.open("/customers/cust-bakery");
        browser.click("Prepaid energy");
        // paying the invoice settles the 40 purchased credits: 60.00 + 20.00 = 80.00 (160 credits)
        assertThat(browser.text("#balance")).isEqualTo("€80.00");
        assertThat(browser.text("#credits")).isEqualTo("160 credits");
        assertThat(browser.text("#ledger")).doesNotContain("Pending");
        browser.screenshot("07-wallet-after-payment");

        // A referral reward is one click on the customer page: 10 granted credits named "Referral reward"
        browser.open("/customers/cust-bakery");
        browser.click("Grant");
        assertThat(browser.page()).contains("Reward granted.");
        browser.click("Prepaid energy");
        // 80.00 + 10 × 0.50 = 85.00 (170 credits)
        assertThat(browser.text("#balance")).isEqualTo("€85.00");
        assertThat(browser.text("#ledger")).contains("Referral reward", "+10");

        // A one-off invoice of an add-on from the customer page, read by the API's own reader
        api.post("/api/v1/add_ons", """
                {"add_on": {"name": "Oven installation", "code": "oven_install", "amount_cents": 15000,
                  "amount_currency": "EUR"}}""");
        browser.open("/customers/cust-bakery");
        browser.fillAria("Units", "two");
        browser.click("Create invoice");
        assertThat(browser.page()).contains("The invoice was not created.");
        browser.fillAria("Units", "2");
        browser.fillAria("Description", "Two ovens");
        browser.click("Create invoice");
        assertThat(browser.page()).contains("created.", "One off invoice", "Two ovens");
        // 2 × 150.00 = 300.00; no taxes set up, and one-off invoices never take wallet credits
        assertThat(browser.text("#invoice-total")).isEqualTo("€300.00");
        browser.screenshot("07b-one-off-invoice");
    }

    /** Synthetic submit events run the page's script but send nothing, so the test sees the state in between. */
    @Test
    void aFormOnItsWaySaysSoAndTakesNoSecondSubmission() {
        signIn();
        browser.open("/customers/new");
        String submit = "return arguments[0].dispatchEvent(new Event('submit', {bubbles: true, cancelable: true}));";
        String form = "form.card";
        // first submission: not prevented, the button now reads "Working…"
        assertThat(browser.script(submit, form)).isEqualTo(true);
        assertThat(browser.text(form + " button.busy")).isEqualTo("Working…");
        assertThat(browser.script("return arguments[0].getAttribute('aria-busy');", form)).isEqualTo("true");
        // second submission (a double click): prevented, so nothing is sent twice
        assertThat(browser.script(submit, form)).isEqualTo(false);
        browser.screenshot("00-form-in-progress");
    }

    @Test
    void planWithGraduatedChargeThenSubscribeAndTerminate() {
        signIn();
        browser.open("/metrics");
        browser.click("New billable metric");
        browser.fillLabelled("Name", "API calls");
        browser.select("aggregation_type", "Count of events");
        browser.click("Create billable metric");
        assertThat(browser.page()).contains("This field is required."); // the code is mandatory (API: value_is_mandatory)
        browser.fillLabelled("Code (events carry it)", "api_calls");
        browser.click("Create billable metric");
        assertThat(browser.page()).contains("Billable metric created.", "API calls", "api_calls", "Count of events");

        browser.open("/plans");
        browser.click("New plan");
        browser.fillLabelled("Name", "Pay as you go");
        browser.fillLabelled("Code", "payg");
        browser.fillLabelled("Subscription price", "49.00");
        browser.fillLabelled("Currency", "EUR");
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[0].billable_metric_id", "API calls (api_calls)", "plan-form");
        browser.selectRedrawing("charges[0].charge_model", "Graduated (tiers)", "plan-form");
        browser.fillAria("Charge 1 tier 1 to", "100");
        browser.fillAria("Charge 1 tier 1 price per unit", "0");
        browser.fillAria("Charge 1 tier 2 from", "50"); // overlaps tier 1: the API refuses the ranges
        browser.fillAria("Charge 1 tier 2 price per unit", "0.05");
        browser.click("Create plan");
        assertThat(browser.text("#charge-0 .prices .error")).isEqualTo(
                "Tiers must start at 0, each starting where the previous one ends, and the last one has no end.");
        browser.screenshot("08-plan-validation");

        browser.fillAria("Charge 1 tier 2 from", "100");
        browser.click("Create plan");
        assertThat(browser.page()).contains("Plan created.");
        assertThat(browser.text("#plan-price")).isEqualTo("€49.00");
        assertThat(browser.text("#charge-0 .ranges")).contains("0.05 EUR", "∞");
        browser.screenshot("09-plan-created");
        // the API sees the same plan: 49.00 EUR = 4900 cents, tiers [0, 100] at 0 and [100, ∞) at 0.05
        var plan = api.get("/api/v1/plans/payg").body().get("plan");
        assertThat(plan.get("amount_cents").asLong()).isEqualTo(4900);
        var ranges = plan.get("charges").get(0).get("properties").get("graduated_ranges");
        assertThat(ranges.get(1).get("from_value").asLong()).isEqualTo(100);
        assertThat(ranges.get(1).get("per_unit_amount").asString()).isEqualTo("0.05");

        // a package price: 2.00 EUR per started package of 10 calls, the first 5 calls free
        browser.open("/plans");
        browser.click("New plan");
        browser.fillLabelled("Name", "Packs");
        browser.fillLabelled("Code", "packs");
        browser.fillLabelled("Subscription price", "0");
        browser.fillLabelled("Currency", "EUR");
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[0].billable_metric_id", "API calls (api_calls)", "plan-form");
        browser.selectRedrawing("charges[0].charge_model", "Package (a price per group of units)", "plan-form");
        browser.fillAria("Charge 1 price per package", "2.00");
        browser.fillAria("Charge 1 units per package", "0"); // the API refuses: invalid_package_size
        browser.click("Create plan");
        assertThat(browser.text("#charge-0 .prices .error"))
                .isEqualTo("Units per package must be a whole number of at least 1.");
        assertThat(api.get("/api/v1/plans/packs").status()).isEqualTo(404);
        browser.fillAria("Charge 1 units per package", "10");
        browser.fillAria("Charge 1 free units", "5");
        browser.click("Create plan");
        assertThat(browser.page()).contains("Plan created.", "Package size", "10");
        var packs = api.get("/api/v1/plans/packs").body().get("plan").get("charges").get(0);
        assertThat(packs.get("charge_model").asString()).isEqualTo("package");
        assertThat(packs.get("properties").get("amount").asString()).isEqualTo("2.00");
        assertThat(packs.get("properties").get("package_size").asLong()).isEqualTo(10);
        assertThat(packs.get("properties").get("free_units").asLong()).isEqualTo(5);
        browser.screenshot("09b-package-plan");

        new Scenario(api).customer("cust-lab", "\"name\": \"Fjell Lab\", \"currency\": \"EUR\"");
        browser.open("/customers/cust-lab");
        browser.select("plan_code", "Pay as you go");
        browser.fillAria("Subscription id", "sub-lab-1");
        browser.click("Subscribe");
        assertThat(browser.page()).contains("Subscribed to payg.");
        assertThat(browser.text("#subscriptions")).contains("sub-lab-1", "payg", "Active", "€0.00");
        browser.screenshot("10-customer-subscribed");
        new Scenario(api).event("tx-1", "sub-lab-1", "api_calls", clock.instant().getEpochSecond(), "{}");
        new Scenario(api).event("tx-2", "sub-unknown", "api_calls", clock.instant().getEpochSecond(), "{}");
        browser.open("/events");
        assertThat(browser.page()).contains("tx-1", "tx-2", "Unknown subscription");
        browser.screenshot("11-event-log");
        browser.open("/customers/cust-lab");
        browser.click("Terminate…");
        browser.click("Yes, terminate the subscription");
        assertThat(browser.page()).contains("Subscription terminated.", "No active subscriptions.");
        assertThat(api.get("/api/v1/subscriptions/sub-lab-1?status=terminated").status()).isEqualTo(200);
    }

    @Test
    void planWithTwoChargesOneOfThemWithAFilterPrice() {
        metricsCallsAndStorageByRegion();
        signIn();
        newPlan("Cloud", "cloud", "19.90");
        // charge 1: graduated calls, the first 1,000 free, then 0.002 EUR per call and a 5 EUR flat fee
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[0].billable_metric_id", "API calls (api_calls)", "plan-form");
        browser.selectRedrawing("charges[0].charge_model", "Graduated (tiers)", "plan-form");
        browser.fillAria("Charge 1 tier 1 to", "1000");
        browser.fillAria("Charge 1 tier 1 price per unit", "0");
        browser.fillAria("Charge 1 tier 2 from", "1000");
        browser.fillAria("Charge 1 tier 2 price per unit", "0.002");
        browser.fillAria("Charge 1 tier 2 flat fee", "5");
        // charge 2: standard storage at 1.00 EUR per GB, 0.50 EUR per GB stored in the EU
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[1].billable_metric_id", "Storage (storage)", "plan-form");
        assertThat(browser.value("charges[0].tier_to")).isEqualTo("1000"); // redraws keep what was typed
        browser.fillAria("Charge 2 price per unit", "1.00");
        browser.fillAria("Charge 2 name on the invoice", "Storage");
        browser.clickRedrawing("Add a filter to Charge 2", "plan-form");
        browser.tick("charges[1].filters[0].values.region", "eu");
        browser.fillAria("Charge 2 filter 1 name on the invoice", "Storage EU");
        browser.fillAria("Charge 2 filter 1 price per unit", "0.50");
        browser.screenshot("09c-plan-two-charges-form");
        browser.click("Create plan");

        assertThat(browser.page()).contains("Plan created.");
        assertThat(browser.text("#plan-price")).isEqualTo("€19.90");
        assertThat(browser.text("#charge-0")).contains("API calls", "Graduated", "0.002 EUR", "5 EUR", "∞");
        assertThat(browser.text("#charge-1")).contains("Storage", "On the invoice: Storage", "1.00 EUR per unit");
        assertThat(browser.text("#charge-1-filters")).contains("region: eu", "Storage EU", "0.50 EUR per unit");
        browser.screenshot("09d-plan-two-charges");

        // the stored plan: 19.90 EUR = 1990 cents; exactly the two charges with the prices typed, in that order
        var plan = api.get("/api/v1/plans/cloud").body().get("plan");
        assertThat(plan.get("amount_cents").asLong()).isEqualTo(1990);
        var charges = plan.get("charges");
        assertThat(charges).hasSize(2);
        var calls = charges.get(0);
        assertThat(calls.get("billable_metric_code").asString()).isEqualTo("api_calls");
        assertThat(calls.get("charge_model").asString()).isEqualTo("graduated");
        assertThat(calls.get("filters")).isEmpty();
        var ranges = calls.get("properties").get("graduated_ranges");
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0).get("from_value").asLong()).isZero();
        assertThat(ranges.get(0).get("to_value").asLong()).isEqualTo(1000);
        assertThat(ranges.get(0).get("per_unit_amount").asString()).isEqualTo("0");
        assertThat(ranges.get(1).get("from_value").asLong()).isEqualTo(1000);
        assertThat(ranges.get(1).get("to_value").isNull()).isTrue();
        assertThat(ranges.get(1).get("per_unit_amount").asString()).isEqualTo("0.002");
        assertThat(ranges.get(1).get("flat_amount").asString()).isEqualTo("5");
        var storage = charges.get(1);
        assertThat(storage.get("billable_metric_code").asString()).isEqualTo("storage");
        assertThat(storage.get("charge_model").asString()).isEqualTo("standard");
        assertThat(storage.get("invoice_display_name").asString()).isEqualTo("Storage");
        assertThat(storage.get("properties").get("amount").asString()).isEqualTo("1.00");
        var filters = storage.get("filters");
        assertThat(filters).hasSize(1);
        assertThat(filters.get(0).get("invoice_display_name").asString()).isEqualTo("Storage EU");
        assertThat(filters.get(0).get("properties").get("amount").asString()).isEqualTo("0.50");
        assertThat(filters.get(0).get("values").get("region")).hasSize(1);
        assertThat(filters.get(0).get("values").get("region").get(0).asString()).isEqualTo("eu");

        // deleting asks first (a confirm() in the browser): dismissed, the plan stays; accepted, it is gone
        assertThat(browser.clickAndAnswer("Delete plan", false))
                .isEqualTo("Delete this plan? It can no longer be subscribed to.");
        assertThat(api.get("/api/v1/plans/cloud").status()).isEqualTo(200);
        browser.clickAndAnswer("Delete plan", true);
        assertThat(browser.page()).contains("Plan cloud deleted.");
        assertThat(api.get("/api/v1/plans/cloud").status()).isEqualTo(404);
    }

    @Test
    void aRefusedChargeShowsItsMessageNextToItAndNothingIsSaved() {
        metricsCallsAndStorageByRegion();
        signIn();
        newPlan("Gappy", "gappy", "0");
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[0].billable_metric_id", "Storage (storage)", "plan-form");
        browser.fillAria("Charge 1 price per unit", "1.00");
        browser.clickRedrawing("Add a filter to Charge 1", "plan-form");
        browser.fillAria("Charge 1 filter 1 price per unit", "0.50"); // no region ticked: the API refuses its values
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[1].billable_metric_id", "API calls (api_calls)", "plan-form");
        browser.selectRedrawing("charges[1].charge_model", "Graduated (tiers)", "plan-form");
        browser.fillAria("Charge 2 tier 1 to", "100");
        browser.fillAria("Charge 2 tier 1 price per unit", "0");
        browser.fillAria("Charge 2 tier 2 from", "150"); // units 100 to 150 belong to no tier
        browser.fillAria("Charge 2 tier 2 price per unit", "0.05");
        browser.click("Create plan");

        assertThat(browser.page()).contains("Nothing was saved: a charge below needs a change");
        assertThat(browser.texts("#charge-1 .prices .error")).containsExactly(
                "Tiers must start at 0, each starting where the previous one ends, and the last one has no end.");
        assertThat(browser.texts("#charge-0-filter-0 .error")).containsExactly("Tick at least one value.");
        // the charge's own price is fine: no message on it, none at the top either
        assertThat(browser.texts("#charge-0 > .prices .error")).isEmpty();
        assertThat(browser.texts("#plan-form > .form-errors p")).isEmpty();
        // what was typed is still there to correct
        assertThat(browser.value("charges[1].tier_from")).isEqualTo("0");
        assertThat(browser.value("charges[0].amount")).isEqualTo("1.00");
        browser.screenshot("09e-plan-charge-refused");
        assertThat(api.get("/api/v1/plans/gappy").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/plans").body().get("meta").get("total_count").asLong()).isZero();

        browser.tick("charges[0].filters[0].values.region", "us");
        browser.fillAria("Charge 2 tier 2 from", "100");
        browser.click("Create plan");
        assertThat(browser.page()).contains("Plan created.");
        var charges = api.get("/api/v1/plans/gappy").body().get("plan").get("charges");
        assertThat(charges).hasSize(2);
        assertThat(charges.get(0).get("filters").get(0).get("values").get("region").get(0).asString()).isEqualTo("us");
        assertThat(charges.get(1).get("properties").get("graduated_ranges").get(1).get("from_value").asLong())
                .isEqualTo(100);
    }

    @Test
    void editingASubscribedPlanKeepsItsChargesAndWhatTheFormDoesNotShow() {
        metricsCallsAndStorageByRegion();
        String storageId = api.get("/api/v1/billable_metrics/storage").body().get("billable_metric").get("lago_id").asString();
        String callsId = api.get("/api/v1/billable_metrics/api_calls").body().get("billable_metric").get("lago_id").asString();
        // storage at 1.00 per GB (0.50 in the EU) with settings the form has no field for: a 5.00 EUR minimum, not
        // invoiceable, priced per region group; calls at a flat 0.01
        Scenario s = new Scenario(api);
        var before = s.plan("cloud", "monthly", 1990, "EUR", """
                [{"billable_metric_id": "%s", "charge_model": "standard", "invoice_display_name": "Storage",
                  "min_amount_cents": 500, "invoiceable": false,
                  "properties": {"amount": "1.00", "pricing_group_keys": ["region"]},
                  "filters": [{"values": {"region": ["eu"]}, "properties": {"amount": "0.50"}}]},
                 {"billable_metric_id": "%s", "charge_model": "standard", "properties": {"amount": "0.01"}}]"""
                .formatted(storageId, callsId));
        String storageChargeId = before.get("charges").get(0).get("lago_id").asString();
        String callsChargeId = before.get("charges").get(1).get("lago_id").asString();
        s.customer("cust-cloud", "\"name\": \"Fjell Lab\", \"currency\": \"EUR\"");
        s.subscription("sub-cloud-1", "cust-cloud", "cloud", null);

        signIn();
        browser.open("/plans/cloud");
        browser.click("Edit plan");
        // a subscribed plan's interval, currency and pay in advance are shown, not offered (the facade refuses them)
        assertThat(browser.text("#locked-terms")).isEqualTo(
                "Monthly, in EUR, billed in arrears: fixed while the plan has subscriptions.");
        assertThat(browser.value("charges[0].amount")).isEqualTo("1.00");
        assertThat(browser.ticked("charges[0].filters[0].values.region", "eu")).isTrue();
        browser.fillAria("Charge 1 price per unit", "1.20");
        browser.fillAria("Charge 1 filter 1 price per unit", "0.40");
        browser.clickRedrawing("Remove Charge 2", "plan-form");
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[1].billable_metric_id", "API calls (api_calls)", "plan-form");
        browser.selectRedrawing("charges[1].charge_model", "Package (a price per group of units)", "plan-form");
        browser.fillAria("Charge 2 price per package", "2.00");
        browser.fillAria("Charge 2 units per package", "1000");
        browser.screenshot("09f-plan-edit");
        browser.click("Save plan");

        assertThat(browser.page()).contains("Plan saved.");
        assertThat(browser.text("#charge-0")).contains("1.20 EUR per unit");
        assertThat(browser.text("#charge-0-filters")).contains("region: eu", "0.40 EUR per unit");
        var plan = api.get("/api/v1/plans/cloud").body().get("plan");
        assertThat(plan.get("interval").asString()).isEqualTo("monthly");
        assertThat(plan.get("amount_cents").asLong()).isEqualTo(1990);
        assertThat(plan.get("amount_currency").asString()).isEqualTo("EUR");
        var charges = plan.get("charges");
        assertThat(charges).hasSize(2);
        // the storage charge is the same charge, new prices, its other settings as they were
        var storage = charges.get(0);
        assertThat(storage.get("lago_id").asString()).isEqualTo(storageChargeId);
        assertThat(storage.get("properties").get("amount").asString()).isEqualTo("1.20");
        assertThat(storage.get("properties").get("pricing_group_keys").get(0).asString()).isEqualTo("region");
        assertThat(storage.get("min_amount_cents").asLong()).isEqualTo(500);
        assertThat(storage.get("invoiceable").asBoolean()).isFalse();
        assertThat(storage.get("invoice_display_name").asString()).isEqualTo("Storage");
        assertThat(storage.get("filters")).hasSize(1);
        assertThat(storage.get("filters").get(0).get("properties").get("amount").asString()).isEqualTo("0.40");
        // the flat calls charge is gone, a package one replaced it: 2.00 per started 1,000 calls
        var calls = charges.get(1);
        assertThat(calls.get("lago_id").asString()).isNotEqualTo(callsChargeId);
        assertThat(calls.get("charge_model").asString()).isEqualTo("package");
        assertThat(calls.get("properties").get("amount").asString()).isEqualTo("2.00");
        assertThat(calls.get("properties").get("package_size").asLong()).isEqualTo(1000);
        assertThat(api.get("/api/v1/subscriptions/sub-cloud-1").body().get("subscription").get("status").asString())
                .isEqualTo("active");
    }

    @Test
    void metricWithTwoFiltersRefusedTwiceThenStoredEditedAndOfferedToPlanCharges() {
        signIn();
        browser.open("/metrics");
        browser.click("New billable metric");
        browser.fillLabelled("Name", "Storage by region");
        browser.fillLabelled("Code (events carry it)", "storage");
        browser.select("aggregation_type", "Sum of a property"); // no property named yet
        browser.select("rounding_function", "Round up");
        browser.fillLabelled("Rounding precision (decimals)", "2");
        browser.clickRedrawing("Add a filter", "metric-form");
        browser.fillAria("Filter 1 key", "region");
        browser.fillAria("Filter 1 values", "eu\nus"); // one value per line
        browser.clickRedrawing("Add a filter", "metric-form");
        browser.fillAria("Filter 2 key", "tier"); // no value yet
        browser.clickRedrawing("Add a filter", "metric-form");
        browser.fillAria("Filter 3 key", "colour");
        browser.clickRedrawing("Remove Filter 3", "metric-form");
        assertThat(browser.value("filters[1].key")).isEqualTo("tier"); // redraws keep what was typed
        assertThat(browser.texts("[name='filters[2].key']")).isEmpty();
        browser.click("Create billable metric");

        // the API's reader refuses the filter without values (filters: value_is_mandatory), said next to that row
        assertThat(browser.texts("#filter-1 .error")).containsExactly("Give this filter a key and at least one value.");
        assertThat(browser.texts("#filter-0 .error")).isEmpty();
        assertThat(browser.value("filters[0].values")).isEqualTo("eu\nus");
        browser.screenshot("22a-metric-filter-refused");
        assertThat(api.get("/api/v1/billable_metrics").body().get("meta").get("total_count").asLong()).isZero();

        browser.fillAria("Filter 2 values", "gold");
        browser.click("Create billable metric");
        // then the facade: a sum needs its property (field_name: value_is_mandatory); still nothing written
        assertThat(browser.texts("label.invalid .error")).containsExactly("This field is required.");
        assertThat(browser.script("return arguments[0].closest('label').classList.contains('invalid');",
                "[name='field_name']")).isEqualTo(true);
        assertThat(browser.texts("#metric-form .filter-block .error")).isEmpty();
        assertThat(api.get("/api/v1/billable_metrics").body().get("meta").get("total_count").asLong()).isZero();

        browser.fillLabelled("Property to aggregate (not for count)", "gb");
        browser.click("Create billable metric");
        assertThat(browser.page()).contains("Billable metric created.");
        assertThat(browser.text("#metric-storage .metric-filters")).isEqualTo("region: eu, us\ntier: gold");
        browser.screenshot("22b-metrics-with-filters");

        var metric = api.get("/api/v1/billable_metrics/storage").body().get("billable_metric");
        assertThat(metric.get("aggregation_type").asString()).isEqualTo("sum_agg");
        assertThat(metric.get("field_name").asString()).isEqualTo("gb");
        assertThat(metric.get("rounding_function").asString()).isEqualTo("ceil");
        assertThat(metric.get("rounding_precision").asInt()).isEqualTo(2);
        assertThat(metric.get("filters").toString())
                .isEqualTo("[{\"key\":\"region\",\"values\":[\"eu\",\"us\"]},{\"key\":\"tier\",\"values\":[\"gold\"]}]");

        // editing shows the stored filters and keeps them
        browser.click("Edit");
        assertThat(browser.value("filters[0].key")).isEqualTo("region");
        assertThat(browser.value("filters[0].values")).isEqualTo("eu, us");
        assertThat(browser.value("filters[1].values")).isEqualTo("gold");
        browser.fillLabelled("Description", "GB stored, by region and tier");
        browser.click("Save billable metric");
        assertThat(browser.page()).contains("Billable metric saved.");
        var edited = api.get("/api/v1/billable_metrics/storage").body().get("billable_metric");
        assertThat(edited.get("description").asString()).isEqualTo("GB stored, by region and tier");
        assertThat(edited.get("filters")).isEqualTo(metric.get("filters"));

        // a plan charge on the metric offers its filter values as tick boxes
        newPlan("Storage plan", "storage_plan", "0");
        browser.clickRedrawing("Add a charge", "plan-form");
        browser.selectRedrawing("charges[0].billable_metric_id", "Storage by region (storage)", "plan-form");
        browser.clickRedrawing("Add a filter to Charge 1", "plan-form");
        assertThat(browser.texts("#charge-0-filter-0 .filter-values > .label")).containsExactly("region", "tier");
        assertThat(browser.ticked("charges[0].filters[0].values.region", "eu")).isFalse();
        assertThat(browser.ticked("charges[0].filters[0].values.region", "us")).isFalse();
        assertThat(browser.ticked("charges[0].filters[0].values.tier", "gold")).isFalse();
        browser.screenshot("22c-plan-charge-offers-metric-filters");

        // once a plan prices it, the aggregation is shown, not sent (the facade refuses it); filters still change
        new Scenario(api).plan("storage_plan", "monthly", 0, "EUR", """
                [{"billable_metric_id": "%s", "charge_model": "standard", "properties": {"amount": "1.00"}}]"""
                .formatted(metric.get("lago_id").asString()));
        browser.open("/metrics/storage/edit");
        assertThat(browser.text("#locked-pricing")).isEqualTo(
                "Sum of a property of gb: fixed while plans price this metric.");
        assertThat(browser.texts("[name='aggregation_type']")).isEmpty();
        browser.fillAria("Filter 1 values", "eu, us, asia");
        browser.click("Save billable metric");
        assertThat(browser.page()).contains("Billable metric saved.");
        var priced = api.get("/api/v1/billable_metrics/storage").body().get("billable_metric");
        assertThat(priced.get("aggregation_type").asString()).isEqualTo("sum_agg");
        assertThat(priced.get("filters").get(0).get("values").toString()).isEqualTo("[\"eu\",\"us\",\"asia\"]");
        assertThat(priced.get("filters").get(1).get("values").toString()).isEqualTo("[\"gold\"]");
    }

    /** Opens the plan form and fills the plan's own fields (a monthly plan in EUR). */
    private void newPlan(String name, String code, String price) {
        browser.open("/plans/new");
        browser.fillLabelled("Name", name);
        browser.fillLabelled("Code", code);
        browser.fillLabelled("Subscription price", price);
        browser.fillLabelled("Currency", "EUR");
    }

    /** {@code api_calls} counts events; {@code storage} sums {@code gb} and filters on {@code region} (eu, us). */
    private void metricsCallsAndStorageByRegion() {
        assertThat(api.post("/api/v1/billable_metrics", """
                {"billable_metric": {"name": "API calls", "code": "api_calls", "aggregation_type": "count_agg"}}""")
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/billable_metrics", """
                {"billable_metric": {"name": "Storage", "code": "storage", "aggregation_type": "sum_agg",
                  "field_name": "gb", "filters": [{"key": "region", "values": ["eu", "us"]}]}}""")
                .status()).isEqualTo(200);
    }

    @Test
    void taxesAddOnsAndCouponsFromTheCatalog() {
        signIn();
        browser.click("Taxes");
        browser.click("New tax");
        browser.fillLabelled("Name", "VAT");
        browser.fillLabelled("Code", "vat");
        browser.fillLabelled("Rate (%)", "120");
        browser.click("Create tax");
        // the API's rule (a rate from 0 to 100, value_is_out_of_range), in plain words next to the field
        assertThat(browser.text(".field.invalid")).contains("This value is outside the allowed range.");
        browser.screenshot("12-tax-validation");
        browser.fillLabelled("Rate (%)", "20");
        browser.click("Create tax");
        assertThat(browser.page()).contains("Tax vat created.");
        assertThat(browser.text("#taxes")).contains("VAT", "vat", "20%");
        assertThat(api.get("/api/v1/taxes/vat").body().get("tax").get("rate").asDouble()).isEqualTo(20.0);
        browser.click("Edit");
        browser.fillLabelled("Name", "VAT standard");
        browser.click("Save tax");
        assertThat(browser.text("#taxes")).contains("VAT standard", "20%");

        browser.click("Add-ons");
        browser.click("New add-on");
        browser.fillLabelled("Name", "Oven installation");
        browser.fillLabelled("Code", "oven_install");
        browser.fillLabelled("Currency", "EUR");
        browser.fillLabelled("Price", "150.005"); // EUR has 2 decimals: sent as typed, refused by the API
        browser.tick("tax_codes[]", "vat");
        browser.click("Create add-on");
        assertThat(browser.text(".field.invalid")).contains("This value is not valid.");
        browser.fillLabelled("Price", "150.00");
        browser.click("Create add-on");
        assertThat(browser.page()).contains("Add-on oven_install created.");
        assertThat(browser.text("#add-ons")).contains("Oven installation", "€150.00", "vat (20%)");
        var addOn = api.get("/api/v1/add_ons/oven_install").body().get("add_on");
        assertThat(addOn.get("amount_cents").asLong()).isEqualTo(15000); // 150.00 EUR in cents
        assertThat(addOn.get("taxes").get(0).get("code").asString()).isEqualTo("vat");
        browser.screenshot("13-add-ons");

        api.post("/api/v1/plans", """
                {"plan": {"name": "Bakery plan", "code": "bakery", "interval": "monthly", "amount_cents": 4900,
                  "amount_currency": "EUR"}}""");
        browser.click("Coupons");
        browser.click("New coupon");
        browser.fillLabelled("Name", "Welcome");
        browser.fillLabelled("Code", "welcome");
        browser.select("coupon_type", "A percentage of the invoice");
        browser.click("Create coupon");
        assertThat(browser.text(".field.invalid")).contains("This field is required."); // no percentage given
        browser.select("coupon_type", "A fixed amount");
        browser.fillLabelled("Fixed amount", "10.00");
        browser.fillLabelled("Currency of the amount", "EUR");
        browser.select("frequency", "For a number of billing periods");
        browser.fillLabelled("Number of billing periods", "3");
        browser.select("expiration", "Expires at a date");
        browser.setValue("expiration_at", "2099-01-31T23:59");
        browser.select("applies_to.plan_codes[]", "Bakery plan (bakery)");
        browser.click("Create coupon");
        assertThat(browser.page()).contains("Coupon welcome created.");
        assertThat(browser.text("#coupons")).contains("Welcome", "€10.00", "For 3 billing periods", "Plans: bakery",
                "31 Jan 2099, 23:59", "Active");
        var coupon = api.get("/api/v1/coupons/welcome").body().get("coupon");
        assertThat(coupon.get("amount_cents").asLong()).isEqualTo(1000); // 10.00 EUR
        assertThat(coupon.get("frequency_duration").asInt()).isEqualTo(3);
        assertThat(coupon.get("expiration_at").asString()).isEqualTo("2099-01-31T23:59:00Z"); // organization in UTC
        assertThat(coupon.get("plan_codes").get(0).asString()).isEqualTo("bakery");
        browser.screenshot("14-coupons");

        browser.click("Edit");
        browser.select("coupon_type", "A percentage of the invoice");
        browser.fillLabelled("Percentage (%)", "15");
        browser.select("frequency", "Forever");
        browser.click("Save coupon");
        assertThat(browser.text("#coupons")).contains("15%", "Forever").doesNotContain("€10.00");
        coupon = api.get("/api/v1/coupons/welcome").body().get("coupon");
        assertThat(coupon.get("amount_cents").isNull()).isTrue(); // the fixed amount is cleared with the type
        browser.click("Edit");
        browser.click("Delete coupon…");
        // a confirmation page says what deleting does; only its button deletes
        assertThat(browser.text("h1")).isEqualTo("Delete the coupon Welcome?");
        assertThat(browser.text("#confirmation")).contains("Customers it is applied to stop getting its discount",
                "the code welcome becomes free");
        browser.screenshot("14b-coupon-delete-confirmation");
        browser.click("Keep it");
        assertThat(api.get("/api/v1/coupons/welcome").status()).isEqualTo(200);
        browser.open("/coupons/welcome/edit");
        browser.click("Delete coupon…");
        browser.click("Yes, delete the coupon");
        assertThat(browser.page()).contains("Coupon welcome deleted", "No coupons yet.");
        assertThat(api.get("/api/v1/coupons/welcome").status()).isEqualTo(404);

        browser.click("Taxes");
        browser.click("Edit");
        browser.click("Delete tax…");
        assertThat(browser.text("#confirmation")).contains("The tax vat (20%) is removed from every customer, plan"
                + " and add-on it applies to");
        browser.click("Yes, delete the tax");
        assertThat(browser.page()).contains("Tax vat deleted.");
        assertThat(api.get("/api/v1/taxes/vat").status()).isEqualTo(404);
    }

    @Test
    void adminAddsAUserWhoSignsInWithoutUserManagement() {
        signIn();
        browser.click("Users");
        assertThat(browser.text("#users")).contains(email, "Admin", "You");
        String lena = "lena-" + UUID.randomUUID() + "@nordlys.test";
        browser.fillLabelled("E-mail", lena);
        browser.fillLabelled("Initial password (at least 8 characters)", "short");
        browser.select("role", "Finance");
        browser.click("Add user");
        assertThat(browser.text(".field.invalid")).contains("Use at least 8 characters.");
        browser.fillLabelled("Initial password (at least 8 characters)", "first-password");
        browser.click("Add user");
        assertThat(browser.page()).contains("User " + lena + " added");
        assertThat(browser.text("#users")).contains(lena, "Finance");
        browser.fillAria("New password for " + lena, "second-password");
        browser.clickAria("Reset password of " + lena);
        assertThat(browser.page()).contains("Password of " + lena + " changed.");
        browser.screenshot("15-users");

        browser.signOut();
        signIn(lena, "first-password"); // the reset replaced it
        assertThat(browser.page()).contains("That e-mail and password do not match.");
        signIn(lena, "second-password");
        assertThat(browser.path()).startsWith("/customers");
        assertThat(browser.text("nav")).contains("Customers").doesNotContain("Users").doesNotContain("Developers");
        browser.open("/users"); // a finance user is refused (403)
        assertThat(browser.text("#forbidden")).contains("This page is for the admins of your organization.");
        browser.screenshot("16-users-forbidden");
        browser.open("/developers"); // API keys open the whole organization: admins only as well
        assertThat(browser.text("#forbidden")).contains("This page is for the admins of your organization.");
        // an admin's reset ends the session signed in with the old password at once, not 30 idle minutes later
        UserAccount account = accounts.findByEmail(lena).orElseThrow();
        accounts.resetPassword(account.organization(), account.id(), "third-password");
        browser.open("/customers");
        assertThat(browser.path()).isEqualTo("/login?expired");
        assertThat(browser.page()).contains("Your session ended. Sign in again.");

        browser.signOut();
        signIn();
        browser.click("Users");
        browser.clickAria("Remove " + lena);
        assertThat(browser.text("#confirmation")).contains(lena + " can no longer sign in");
        browser.click("Yes, remove the user");
        assertThat(browser.page()).contains("User " + lena + " removed.");
        assertThat(browser.text("#users")).contains(email).doesNotContain(lena);
        browser.signOut();
        signIn(lena, "second-password");
        assertThat(browser.page()).contains("That e-mail and password do not match.");
    }

    @Test
    void apiKeyShownOnceUsedThenRevoked() {
        clock.set(Instant.parse("2026-03-10T08:15:00Z"));
        assertThat(api.put("/api/v1/organizations", "{\"organization\": {\"timezone\": \"Asia/Tokyo\"}}").status())
                .isEqualTo(200);
        signIn();
        browser.open("/developers");
        assertThat(browser.text("#api-keys")).contains(api.apiKeyPrefix() + "••••");
        browser.click("Revoke…"); // the organization's only key
        browser.click("Yes, revoke the key");
        assertThat(browser.page()).contains("The last API key cannot be revoked: create another key first.");

        browser.click("Create API key");
        String key = browser.text("#new-api-key-value");
        assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String prefix = key.substring(0, 8);
        // created at 08:15 UTC, shown in the organization's timezone: Tokyo is UTC+9, so 17:15
        assertThat(browser.text("#api-keys")).contains(prefix + "••••", "10 Mar 2026, 17:15");
        browser.screenshot("17-api-key-shown-once");
        browser.open("/developers");
        assertThat(browser.page()).doesNotContain(key).contains(prefix + "••••");

        ApiClient withNewKey = new ApiClient(port, key);
        assertThat(withNewKey.get("/api/v1/customers").status()).isEqualTo(200);
        browser.open(URI.create(browser.href("#revoke-" + prefix)).getPath());
        browser.click("Yes, revoke the key");
        assertThat(browser.page()).contains("API key revoked").doesNotContain(prefix + "••••");
        assertThat(withNewKey.get("/api/v1/customers").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers").status()).isEqualTo(200); // the first key still works
    }

    @Test
    void webhookEndpointThenDeliveryLogAndResend() {
        clock.set(Instant.parse("2026-03-10T08:15:00Z"));
        try (Receiver receiver = new Receiver()) {
            receiver.answer("/hooks", 500); // the first attempt is refused, later ones get 200
            signIn();
            browser.open("/developers");
            browser.click("New webhook endpoint");
            browser.fillLabelled("URL", "not a web address");
            browser.click("Create webhook endpoint");
            // the API's own rule (url_is_invalid), in plain words, next to the field
            assertThat(browser.page()).contains("Enter a full web address starting with http:// or https://.");
            browser.screenshot("18-webhook-endpoint-validation");
            browser.fillLabelled("URL", receiver.url("/hooks"));
            browser.fillLabelled("Name", "Ops receiver");
            browser.select("signature_algo", "HMAC (SHA-256)");
            browser.click("Create webhook endpoint");
            assertThat(browser.page()).contains("Webhook endpoint created.");
            assertThat(browser.text("#webhook-endpoints")).contains(receiver.url("/hooks"), "Ops receiver", "HMAC",
                    "Every type");
            var endpoint = api.get("/api/v1/webhook_endpoints").body().get("webhook_endpoints").get(0);
            assertThat(endpoint.get("signature_algo").stringValue()).isEqualTo("hmac");
            assertThat(endpoint.get("event_types").isNull()).isTrue();

            browser.click("Edit");
            browser.fillLabelled("Name", "Ops receiver (billing)");
            browser.click("Save webhook endpoint");
            assertThat(browser.page()).contains("Webhook endpoint saved.", "Ops receiver (billing)");

            new Scenario(api).customer("cust-hook", "\"name\": \"Hook Fiskeri\"");
            deliveries.deliverDue(organizationId()).join();
            browser.open("/developers/webhooks");
            // one attempt of Lago's default 5, refused with HTTP 500; created 08:15 UTC, shown in UTC
            assertThat(browser.page()).contains("customer.created", "Retrying", "1 of 5", "500", "10 Mar 2026, 08:15");
            browser.screenshot("19-webhook-log");
            browser.click("Succeeded");
            assertThat(browser.page()).contains("No webhooks yet.");
            browser.click("All");
            browser.click("Details");
            assertThat(browser.text("#webhook-payload")).contains("\"external_id\"", "\"cust-hook\"", "Hook Fiskeri");

            browser.click("Re-send");
            assertThat(browser.page()).contains("The webhook will be sent again in a moment.");
            deliveries.deliverDue(organizationId()).join();
            browser.open(browser.path());
            // the failed attempt, then a fresh round of 5 of which the first succeeded: 2 of 1 + 5
            assertThat(browser.text("#webhook-attempts")).isEqualTo("2 of 6");
            assertThat(browser.text("h1")).contains("Succeeded");
            browser.screenshot("20-webhook-resent");
            browser.click("Re-send");
            assertThat(browser.page()).contains("This webhook was delivered successfully: it is not sent again.");
            assertThat(receiver.all()).hasSize(2);

            browser.open("/developers");
            browser.click("Delete…");
            browser.click("Yes, delete the endpoint");
            assertThat(browser.page()).contains("Webhook endpoint deleted.", "No webhook endpoints yet.");
        }
    }

    @Test
    void thresholdTopUpRuleOnTheWalletPage() {
        new Scenario(api).customer("cust-mill", "\"name\": \"Mill Sandvik\", \"currency\": \"EUR\"");
        String walletId = api.post("/api/v1/wallets", """
                {"wallet": {"external_customer_id": "cust-mill", "name": "Prepaid", "currency": "EUR",
                  "rate_amount": "1", "granted_credits": "100"}}""").body().get("wallet").get("lago_id").asString();
        signIn();
        browser.open("/wallets/" + walletId);
        assertThat(browser.page()).contains("No automatic top-up rule.");
        browser.select("rule.trigger", "When the balance falls to a threshold");
        browser.fillIn("rule-form", "rule.threshold_credits", "20");
        browser.select("rule.method", "Up to a target balance");
        browser.fillIn("rule-form", "rule.target_ongoing_balance", "10");
        browser.clickIn("rule-form", "Save rule");
        // a target of 10 below the threshold of 20: the API's invalid_recurring_rule, in plain words
        assertThat(browser.text("#rule-form")).contains("a target balance must not be below the threshold.");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules").size())
                .isZero();
        browser.screenshot("12-rule-validation");

        browser.fillIn("rule-form", "rule.target_ongoing_balance", "150");
        browser.clickIn("rule-form", "Save rule");
        assertThat(browser.page()).contains("Automatic top-up saved.");
        assertThat(browser.text("#rules")).contains("At 20 credits or less", "Target", "150", "Active");
        browser.screenshot("13-rule-saved");
        var rule = api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules").get(0);
        assertThat(rule.get("trigger").asString()).isEqualTo("threshold");
        assertThat(rule.get("threshold_credits").asString()).isEqualTo("20.0");
        assertThat(rule.get("target_ongoing_balance").asString()).isEqualTo("150.0");

        // the form now changes the same rule in place: a fixed top-up of 30 paid credits at 25 or less
        browser.fillIn("rule-form", "rule.threshold_credits", "25");
        browser.select("rule.method", "Fixed credits");
        browser.fillIn("rule-form", "rule.paid_credits", "30");
        browser.fillIn("rule-form", "rule.target_ongoing_balance", "");
        browser.clickIn("rule-form", "Save rule");
        assertThat(browser.text("#rules")).contains("At 25 credits or less", "Fixed", "30");
        var changed = api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules");
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.get(0).get("lago_id").asString()).isEqualTo(rule.get("lago_id").asString());

        browser.click("Remove rule…");
        assertThat(browser.text("#confirmation")).contains("The wallet Prepaid stops topping itself up");
        browser.click("Yes, remove the rule");
        assertThat(browser.page()).contains("Automatic top-up removed.", "No automatic top-up rule.");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules").size())
                .isZero();
    }

    @Test
    void recurringRuleCarriesItsNameMetadataAndPaymentOptions() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        new Scenario(api).customer("cust-oslo", "\"name\": \"Oslo Bakeri\", \"currency\": \"EUR\"");
        String walletId = api.post("/api/v1/wallets", """
                {"wallet": {"external_customer_id": "cust-oslo", "name": "Prepaid", "currency": "EUR",
                  "rate_amount": "1", "granted_credits": "10"}}""").body().get("wallet").get("lago_id").asString();
        signIn();
        browser.open("/wallets/" + walletId);
        // voiding credits asks first, with the amount typed and the balance it comes off
        browser.fillIn("void", "voided_credits", "4");
        browser.clickIn("void", "Void credits…");
        assertThat(browser.text("h1")).isEqualTo("Void 4 credits of the wallet Prepaid?");
        assertThat(browser.text("#confirmation")).contains("They are removed from the balance, now 10 credits, with no"
                + " invoice and no refund.");
        browser.click("Yes, void the credits");
        assertThat(browser.page()).contains("Credits voided.");
        // 10 granted − 4 voided = 6 credits, at 1 EUR a credit €6.00
        assertThat(browser.text("#credits")).isEqualTo("6 credits");
        assertThat(browser.text("#balance")).isEqualTo("€6.00");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("credits_balance").asString())
                .isEqualTo("6.0");
        browser.select("rule.trigger", "On a schedule");
        browser.select("rule.interval", "Monthly");
        browser.fillIn("rule-form", "rule.paid_credits", "20");
        browser.fillIn("rule-form", "rule.granted_credits", "5");
        browser.fillIn("rule-form", "rule.transaction_name", "Monthly refill");
        browser.fillIn("rule-form", "rule.purchase_order_number", "PO-77");
        browser.select("rule.invoice_requires_successful_payment", "Yes: credits count once the invoice is paid");
        browser.fillLabelled("Key 1", "source");
        browser.fillLabelled("Key 2", "team"); // a key without its value: the API's invalid_recurring_rule
        browser.clickIn("rule-form", "Save rule");
        assertThat(browser.text("#rule-form")).contains("each metadata row needs both a key");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules").size())
                .isZero();
        // what was typed is still there, the metadata rows included
        assertThat(browser.value("rule.transaction_name")).isEqualTo("Monthly refill");
        assertThat(browser.valueLabelled("Key 2")).isEqualTo("team");

        browser.fillLabelled("Value 1", "ui");
        browser.fillLabelled("Value 2", "ops");
        browser.clickIn("rule-form", "Save rule");
        assertThat(browser.page()).contains("Automatic top-up saved.");
        assertThat(browser.text("#rules")).contains("Monthly", "Fixed", "20", "5");
        assertThat(browser.text("#rule-details")).contains("named “Monthly refill”",
                "paid credits count once the invoice is paid", "purchase order PO-77", "metadata source=ui, team=ops");
        browser.screenshot("13b-rule-with-name-and-metadata");
        var rule = api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules").get(0);
        assertThat(rule.get("trigger").asString()).isEqualTo("interval");
        assertThat(rule.get("interval").asString()).isEqualTo("monthly");
        assertThat(rule.get("paid_credits").asString()).isEqualTo("20.0");
        assertThat(rule.get("granted_credits").asString()).isEqualTo("5.0");
        assertThat(rule.get("transaction_name").asString()).isEqualTo("Monthly refill");
        assertThat(rule.get("purchase_order_number").asString()).isEqualTo("PO-77");
        assertThat(rule.get("invoice_requires_successful_payment").asBoolean()).isTrue();
        assertThat(rule.get("ignore_paid_top_up_limits").asBoolean()).isFalse();
        assertThat(rule.get("transaction_metadata").toString())
                .isEqualTo("[{\"key\":\"source\",\"value\":\"ui\"},{\"key\":\"team\",\"value\":\"ops\"}]");
        assertThat(rule.get("grants_target_top_up").isNull()).isTrue(); // a fixed rule has none

        // changed in place into a target rule topped up with granted credits, one metadata pair cleared
        browser.select("rule.method", "Up to a target balance");
        browser.fillIn("rule-form", "rule.target_ongoing_balance", "50");
        browser.select("rule.grants_target_top_up", "Granted credits (free)");
        browser.select("rule.invoice_requires_successful_payment", "No: credits count at once");
        browser.fillLabelled("Key 2", "");
        browser.fillLabelled("Value 2", "");
        browser.clickIn("rule-form", "Save rule");
        assertThat(browser.text("#rule-details")).contains("gives granted credits (free)", "paid credits count at once",
                "metadata source=ui").doesNotContain("team");
        var target = api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("recurring_transaction_rules");
        assertThat(target.size()).isEqualTo(1);
        assertThat(target.get(0).get("lago_id").asString()).isEqualTo(rule.get("lago_id").asString());
        assertThat(target.get(0).get("method").asString()).isEqualTo("target");
        assertThat(target.get(0).get("target_ongoing_balance").asString()).isEqualTo("50.0");
        assertThat(target.get(0).get("grants_target_top_up").asBoolean()).isTrue();
        assertThat(target.get(0).get("invoice_requires_successful_payment").asBoolean()).isFalse();
        // the facade the wallet page reads holds the same rule
        var stored = wallets.recurringRules(organizationId(), UUID.fromString(walletId)).get(0);
        assertThat(stored.transactionName()).isEqualTo("Monthly refill");
        assertThat(stored.transactionMetadata()).extracting(p -> p.key() + "=" + p.value()).containsExactly("source=ui");
        assertThat(stored.grantsTargetTopUp()).isTrue();
    }

    @Test
    void deletingCustomersMetricsAndAppliedCouponsAsksFirst() {
        Scenario s = new Scenario(api);
        s.customer("cust-fjell", "\"name\": \"Fjell Cafe\", \"currency\": \"EUR\"");
        s.metric("espresso_shots", "count_agg", null, null);
        api.post("/api/v1/coupons", """
                {"coupon": {"name": "Ten off", "code": "ten_off", "coupon_type": "fixed_amount", "amount_cents": 1000,
                  "amount_currency": "EUR", "frequency": "once", "expiration": "no_expiration"}}""");
        api.post("/api/v1/applied_coupons", """
                {"applied_coupon": {"external_customer_id": "cust-fjell", "coupon_code": "ten_off"}}""");
        signIn();

        browser.open("/customers/cust-fjell");
        browser.clickAria("Remove coupon ten_off");
        assertThat(browser.text("#confirmation")).contains("Its discount no longer applies to the next invoices of"
                + " cust-fjell.");
        browser.click("Yes, remove the coupon");
        assertThat(browser.page()).contains("Coupon ten_off removed from cust-fjell.", "No coupons applied.");
        assertThat(api.get("/api/v1/applied_coupons?external_customer_id=cust-fjell&status=active").body()
                .get("applied_coupons").size()).isZero();

        browser.click("Billable metrics");
        browser.clickAria("Delete espresso_shots");
        assertThat(browser.text("#confirmation")).contains("No plan prices it.",
                "Events with the code espresso_shots are no longer counted.");
        browser.click("Yes, delete the metric");
        assertThat(browser.page()).contains("Billable metric espresso_shots deleted.", "No billable metrics yet.");
        assertThat(api.get("/api/v1/billable_metrics/espresso_shots").status()).isEqualTo(404);

        browser.open("/customers/cust-fjell");
        browser.click("Delete…");
        assertThat(browser.text("h1")).isEqualTo("Delete the customer Fjell Cafe?");
        assertThat(browser.text("#confirmation")).contains("The id cust-fjell becomes free for a new customer.");
        browser.click("Keep it");
        assertThat(browser.path()).isEqualTo("/customers/cust-fjell");
        browser.click("Delete…");
        browser.click("Yes, delete the customer");
        assertThat(browser.page()).contains("Customer cust-fjell deleted.");
        assertThat(api.get("/api/v1/customers/cust-fjell").status()).isEqualTo(404);
    }

    @Test
    void subscriptionUsagePerChargeAndPerDayAfterEventsThroughTheApi() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        Scenario s = new Scenario(api);
        s.customer("cust-grid", "\"name\": \"Grid Holm\", \"currency\": \"EUR\"");
        String calls = s.metric("api_calls", "count_agg", null, null);
        String storage = s.metric("storage", "sum_agg", "gb", null);
        s.plan("metered", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.10\"}},"
                + " {\"billable_metric_id\": \"" + storage
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.50\"}}]");
        s.subscription("sub-grid", "cust-grid", "metered", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("c1", "sub-grid", "api_calls", Instant.parse("2026-03-02T09:00:00Z").getEpochSecond(), "{}");
        s.event("c2", "sub-grid", "api_calls", Instant.parse("2026-03-02T15:00:00Z").getEpochSecond(), "{}");
        s.event("c3", "sub-grid", "api_calls", Instant.parse("2026-03-10T09:00:00Z").getEpochSecond(), "{}");
        s.event("g1", "sub-grid", "storage", Instant.parse("2026-03-10T10:00:00Z").getEpochSecond(), "{\"gb\": 2.5}");
        s.event("g2", "sub-grid", "storage", Instant.parse("2026-03-14T10:00:00Z").getEpochSecond(), "{\"gb\": 1.5}");

        signIn();
        browser.open("/customers/cust-grid");
        browser.click("Usage");
        // api_calls: 3 events × 0.10 = 0.30 EUR; storage: 2.5 + 1.5 = 4 GB × 0.50 = 2.00 EUR; 0.30 + 2.00 = 2.30 EUR
        assertThat(browser.text("#usage-amount")).isEqualTo("€2.30");
        assertThat(browser.text("#usage-total")).isEqualTo("€2.30"); // no tax
        assertThat(browser.text("#charges-usage")).contains("api_calls (api_calls) Standard 3 3 €0.30",
                "storage (storage) Standard 4 2 €2.00");
        // days: 2 March 2 events, 10 March 2 (c3, g1), 14 March 1: the tallest bar is 2 events
        assertThat(browser.text("#chart-max")).isEqualTo("2");
        assertThat(browser.page()).contains("1 Mar 2026 – 31 Mar 2026");
        browser.screenshot("14-subscription-usage");
        assertThat(s.usage("cust-grid", "sub-grid").get("amount_cents").longValue()).isEqualTo(230); // the same facade
    }

    private OrganizationId organizationId() {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single());
    }

    @Test
    void changePlanUpgradesAtOnceAndDowngradesAtThePeriodEnd() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        for (String plan : List.of("basic:Basic:1900", "standard:Standard:4900", "premium:Premium:9900")) {
            String[] p = plan.split(":");
            api.post("/api/v1/plans", """
                    {"plan": {"name": "%s", "code": "%s", "interval": "monthly", "amount_cents": %s,
                      "amount_currency": "EUR"}}""".formatted(p[1], p[0], p[2]));
        }
        new Scenario(api).customer("cust-plans", "\"name\": \"Fjord Bakery\", \"currency\": \"EUR\"");
        api.post("/api/v1/subscriptions", """
                {"subscription": {"external_customer_id": "cust-plans", "plan_code": "standard",
                  "external_id": "sub-plans-1", "billing_time": "calendar"}}""");
        signIn();
        browser.open("/customers/cust-plans");
        assertThat(browser.text("#subscriptions")).contains("sub-plans-1", "standard", "Active");

        // premium costs 99.00 a month against 49.00: an upgrade, at once
        browser.selectAria("New plan for sub-plans-1", "Premium");
        browser.click("Change plan");
        assertThat(browser.page()).contains("Upgraded to premium at once; standard ends now with its final invoice.");
        assertThat(browser.text("#subscriptions")).contains("premium", "Active").doesNotContain("standard");
        var upgraded = api.get("/api/v1/subscriptions/sub-plans-1").body().get("subscription");
        assertThat(upgraded.get("plan_code").asString()).isEqualTo("premium");
        assertThat(upgraded.get("previous_plan_code").asString()).isEqualTo("standard");

        // basic costs 19.00: a downgrade, waiting for the end of the calendar month [1 Mar, 1 Apr 2026)
        browser.selectAria("New plan for sub-plans-1", "Basic");
        browser.click("Change plan");
        assertThat(browser.page()).contains("Downgrade to basic on 1 Apr 2026, when the current period of premium ends.");
        assertThat(browser.text("#subscriptions")).contains("premium → basic on 1 Apr 2026", "Active", "basic",
                "from 1 Apr 2026", "Pending");
        browser.screenshot("21-plan-downgrade-pending");
        var current = api.get("/api/v1/subscriptions/sub-plans-1").body().get("subscription");
        assertThat(current.get("plan_code").asString()).isEqualTo("premium");
        assertThat(current.get("next_plan_code").asString()).isEqualTo("basic");

        // the downgrade is only scheduled: it can be canceled, after a confirmation, without picking another plan
        browser.clickAria("Cancel scheduled change of sub-plans-1");
        assertThat(browser.text("h1")).isEqualTo("Cancel the scheduled change to basic?");
        assertThat(browser.text("#confirmation")).contains("The change to basic planned for 1 Apr 2026 is canceled;"
                + " nothing is billed for it.", "stays on its current plan, premium, and renews on it");
        browser.screenshot("22-cancel-scheduled-change");
        browser.click("Yes, cancel the change");
        assertThat(browser.page()).contains("Scheduled change to basic canceled.");
        assertThat(browser.text("#subscriptions")).contains("premium", "Active").doesNotContain("Pending", "→ basic");
        var kept = api.get("/api/v1/subscriptions/sub-plans-1").body().get("subscription");
        assertThat(kept.get("plan_code").asString()).isEqualTo("premium");
        assertThat(kept.get("next_plan_code").isNull()).isTrue();
        assertThat(api.get("/api/v1/subscriptions/sub-plans-1?status=pending").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/subscriptions?external_customer_id=cust-plans&status[]=canceled").body()
                .get("subscriptions").get(0).get("plan_code").asString()).isEqualTo("basic");
    }

    private void signIn() {
        signIn(email, PASSWORD);
    }

    private void signIn(String who, String password) {
        browser.open("/login");
        browser.fill("email", who);
        browser.fill("password", password);
        browser.click("Sign in");
    }
}
