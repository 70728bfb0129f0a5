package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The billing clock end to end: a monthly calendar plan of 10.00 EUR with calls at 0.50, the organization's 20% tax,
 * and a wallet, billed at the end of March 2026.
 */
class BillingRunScenarioTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}");
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("monthly", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"invoice_display_name\": \"API calls\", \"properties\": {\"amount\": \"0.50\"}}]");
        s.customer("acme", null);
    }

    @Test
    void aPeriodEndInvoiceTakesTaxThenPrepaidCreditsAndIsIssuedOnce() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}").body().get("wallet").get("lago_id").stringValue();
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        JsonNode invoice = api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");

        // fees: plan 10.00 + 4 calls × 0.50 = 12.00 EUR; tax 20% = 2.40; 14.40 with tax; wallet pays 5.00 after tax
        assertThat(invoice.get("invoice_type").stringValue()).isEqualTo("subscription");
        assertThat(invoice.get("status").stringValue()).isEqualTo("finalized");
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(1200);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(240);
        assertThat(invoice.get("sub_total_including_taxes_amount_cents").longValue()).isEqualTo(1440);
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(500);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(940);
        assertThat(invoice.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(invoice.get("issuing_date").stringValue()).isEqualTo("2026-04-01");
        assertThat(api.get("/api/v1/wallets/" + wallet).body().get("wallet").get("balance_cents").longValue()).isZero();
        JsonNode debit = api.get("/api/v1/wallets/" + wallet + "/wallet_transactions?transaction_status=invoiced").body()
                .get("wallet_transactions").get(0);
        assertThat(debit.get("lago_invoice_id").stringValue()).isEqualTo(invoice.get("lago_id").stringValue());
        assertThat(debit.get("amount").stringValue()).isEqualTo("5.0");

        // Running the clock again, or later the same month, bills nothing more.
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run").get("invoices_count")
                .intValue()).isZero();
        clock.set(Instant.parse("2026-04-20T00:00:00Z"));
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run").get("invoices_count")
                .intValue()).isZero();
    }

    @Test
    void thePrepaidCreditsAreSplitIntoGrantedAndPurchasedOnes() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        JsonNode wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"3\", \"paid_credits\": \"4\"}}").body().get("wallet");
        String creditInvoice = api.get("/api/v1/invoices?external_customer_id=acme&invoice_type=credit").body()
                .get("invoices").get(0).get("lago_id").stringValue();
        api.put("/api/v1/invoices/" + creditInvoice, "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        assertThat(api.get("/api/v1/wallets/" + wallet.get("lago_id").stringValue()).body().get("wallet")
                .get("balance_cents").longValue()).isEqualTo(700);

        JsonNode invoice = bill("2026-04-01T01:00:00Z");
        // 10.00 + 20% = 12.00; the wallet pays all its 7.00, granted credits first: 3.00 granted, 4.00 purchased
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(700);
        assertThat(invoice.get("prepaid_granted_credit_amount_cents").longValue()).isEqualTo(300);
        assertThat(invoice.get("prepaid_purchased_credit_amount_cents").longValue()).isEqualTo(400);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(500);
        // a credit invoice consumes no wallet: no split
        assertThat(api.get("/api/v1/invoices/" + creditInvoice).body().get("invoice")
                .get("prepaid_granted_credit_amount_cents").isNull()).isTrue();
    }

    @Test
    void aFirstCalendarPeriodIsProratedByDays() {
        s.subscription("late", "acme", "monthly", "\"subscription_at\": \"2026-03-10T15:00:00Z\"");
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T00:00:00Z\"}}").body()
                .get("billing_run");
        JsonNode invoice = api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
        // 10 March to 31 March = 22 days of 31: 1000 × 22 / 31 = 709.68 → 710 cents; tax 20% = 142; total 852
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(710);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(142);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(852);
    }

    @Test
    void aTrialInArrearsBillsThePlanFeeFromTheDayTheTrialEnds() {
        api.post("/api/v1/plans", """
                {"plan": {"name": "Trial", "code": "trial", "interval": "monthly", "amount_cents": 1000,
                  "amount_currency": "EUR", "trial_period": 10, "charges": []}}""");
        s.subscription("sub", "acme", "trial", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        JsonNode march = bill("2026-04-01T01:00:00Z");
        // the trial covers 1 to 10 March; 11 to 31 March = 21 days of 31: 1000 × 21 / 31 = 677.42 → 677;
        // tax 20% = 135.4 → 135; total 812
        assertThat(march.get("fees_amount_cents").longValue()).isEqualTo(677);
        assertThat(march.get("taxes_amount_cents").longValue()).isEqualTo(135);
        assertThat(march.get("total_amount_cents").longValue()).isEqualTo(812);
        // April is a whole period: 10.00 + 2.00 tax
        assertThat(bill("2026-05-01T01:00:00Z").get("total_amount_cents").longValue()).isEqualTo(1200);
    }

    @Test
    void terminatingInvoicesTheUsedPartOfThePeriodAtOnce() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("c1", "sub", "calls", Instant.parse("2026-03-05T10:00:00Z").getEpochSecond(), "{}");
        api.delete("/api/v1/subscriptions/sub");
        JsonNode invoices = api.get("/api/v1/invoices?external_customer_id=acme&invoice_type=subscription").body();
        assertThat(invoices.get("meta").get("total_count").intValue()).isEqualTo(1);
        JsonNode invoice = invoices.get("invoices").get(0);
        // 1 to 15 March = 15 days of 31: 1000 × 15 / 31 = 483.87 → 484; 1 call × 0.50 = 50; fees 534;
        // tax 20% = 106.8 → 107; total 641
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(534);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(107);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(641);
        // The clock does not bill the terminated subscription's March again.
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}").body()
                .get("billing_run").get("invoices_count").intValue()).isZero();
    }

    @Test
    void deletingACustomerIssuesTheFinalInvoiceWithItsCouponAndWalletBeforeTheyEnd() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"2\"}}").body().get("wallet").get("lago_id").stringValue();
        coupon("welcome", 200);
        s.event("c1", "sub", "calls", Instant.parse("2026-03-05T10:00:00Z").getEpochSecond(), "{}");

        assertThat(api.delete("/api/v1/customers/acme").status()).isEqualTo(200);
        JsonNode invoice = onlySubscriptionInvoice();
        // 1 to 15 March = 15 days of 31: 1000 × 15 / 31 = 483.87 → 484; 1 call × 0.50 = 50; fees 534;
        // coupon 200 → 334; tax 20% = 66.8 → 67 → 401; the wallet's 2 credits pay 200 → total 201
        assertThat(invoice.get("status").stringValue()).isEqualTo("finalized");
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(534);
        assertThat(invoice.get("coupons_amount_cents").longValue()).isEqualTo(200);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(67);
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(200);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(201);
        JsonNode ended = api.get("/api/v1/wallets/" + wallet).body().get("wallet");
        assertThat(ended.get("status").stringValue()).isEqualTo("terminated");
        assertThat(ended.get("balance_cents").longValue()).isZero();
        assertThat(api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription").get("status")
                .stringValue()).isEqualTo("terminated");
    }

    @Test
    void deletingACustomerFinalizesItsDraftsAtOnce() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"acme\","
                + " \"billing_configuration\": {\"invoice_grace_period\": 3}}}");
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-02-01T00:00:00Z\"");
        clock.set(Instant.parse("2026-03-01T01:00:00Z"));
        api.post("/api/v1/billing_runs", "{\"billing_run\": {}}");
        assertThat(onlySubscriptionInvoice().get("status").stringValue()).isEqualTo("draft");

        clock.set(Instant.parse("2026-03-02T12:00:00Z"));
        api.delete("/api/v1/customers/acme");
        JsonNode invoices = api.get("/api/v1/invoices?invoice_type=subscription").body().get("invoices");
        assertThat(invoices).hasSize(2);
        for (JsonNode invoice : invoices) {
            // February in full: 10.00 + 20% = 12.00; 1 to 2 March (terminated that day) 1000 × 2 / 31 = 64.5 → 65
            // (the days are counted as the termination test counts them), + 20% = 13 → 78, its grace period
            // cut short: both finalized with the deletion
            assertThat(invoice.get("status").stringValue()).isEqualTo("finalized");
        }
        assertThat(invoices.findValues("total_amount_cents").stream().map(JsonNode::longValue))
                .containsExactlyInAnyOrder(1200L, 78L);
    }

    @Test
    void deletingAPlanIssuesTheFinalInvoiceOfItsSubscriptions() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("c1", "sub", "calls", Instant.parse("2026-03-05T10:00:00Z").getEpochSecond(), "{}");
        assertThat(api.delete("/api/v1/plans/monthly").status()).isEqualTo(200);
        JsonNode invoice = onlySubscriptionInvoice();
        // as a termination on 15 March: 484 + 50 = 534; tax 107; total 641
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(534);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(641);
        // nothing is billed again at the period end
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("invoices_count").intValue()).isZero();
    }

    /** The organization's only subscription invoice (listed without a customer filter: a deleted one has none). */
    private JsonNode onlySubscriptionInvoice() {
        JsonNode invoices = api.get("/api/v1/invoices?invoice_type=subscription").body();
        assertThat(invoices.get("meta").get("total_count").intValue()).isEqualTo(1);
        return invoices.get("invoices").get(0);
    }

    @Test
    void theCouponComesOffBeforeTaxAndTheWalletAfter() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}");
        coupon("welcome", 200);
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }

        JsonNode invoice = bill("2026-04-01T01:00:00Z");
        // fees 10.00 + 4 × 0.50 = 12.00; coupon 2.00 before tax → 10.00; tax 20% = 2.00 → 12.00;
        // wallet 5.00 after tax → total 7.00
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(1200);
        assertThat(invoice.get("coupons_amount_cents").longValue()).isEqualTo(200);
        assertThat(invoice.get("sub_total_excluding_taxes_amount_cents").longValue()).isEqualTo(1000);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(200);
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(500);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(700);
        // A once coupon fully used is over.
        assertThat(api.get("/api/v1/applied_coupons?external_customer_id=acme&status=active").body().get("meta")
                .get("total_count").intValue()).isZero();
    }

    @Test
    void aFixedCouponLargerThanTheInvoiceCarriesItsRemainderToTheNext() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        coupon("big", 1500);

        JsonNode march = bill("2026-04-01T01:00:00Z");
        // fees 10.00; the 15.00 coupon takes all 10.00; no tax on 0; total 0 → paid
        assertThat(march.get("coupons_amount_cents").longValue()).isEqualTo(1000);
        assertThat(march.get("total_amount_cents").longValue()).isZero();
        assertThat(march.get("payment_status").stringValue()).isEqualTo("succeeded");
        JsonNode applied = api.get("/api/v1/applied_coupons?external_customer_id=acme&status=active").body()
                .get("applied_coupons").get(0);
        assertThat(applied.get("amount_cents_remaining").longValue()).isEqualTo(500);
        // the list shows the invoice credit the application gave, as the invoice's credits[] shows it
        assertThat(applied.get("credits")).hasSize(1);
        JsonNode credit = applied.get("credits").get(0);
        assertThat(credit).isEqualTo(march.get("credits").get(0));
        assertThat(credit.get("amount_cents").longValue()).isEqualTo(1000);
        assertThat(credit.get("amount_currency").stringValue()).isEqualTo("EUR");
        assertThat(credit.get("before_taxes").booleanValue()).isTrue();
        assertThat(credit.get("item").get("code").stringValue()).isEqualTo("big");
        assertThat(credit.get("invoice").get("lago_id").stringValue()).isEqualTo(march.get("lago_id").stringValue());
        assertThat(credit.get("invoice").get("payment_status").stringValue()).isEqualTo("succeeded");

        JsonNode april = bill("2026-05-01T01:00:00Z");
        // April 10.00 − the 5.00 left = 5.00; tax 20% = 1.00; total 6.00
        assertThat(april.get("coupons_amount_cents").longValue()).isEqualTo(500);
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(600);
        // used up: terminated, with both credits, oldest first (10.00 then 5.00 = the coupon's 15.00)
        JsonNode used = api.get("/api/v1/customers/acme/applied_coupons?status=terminated").body()
                .get("applied_coupons").get(0);
        assertThat(used.get("credits").values().stream().map(c -> c.get("amount_cents").longValue()))
                .containsExactly(1000L, 500L);
    }

    @Test
    void twoWalletsPayByPriorityWithinWhatTheyApplyTo() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String callsOnly = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"code\": \"calls\","
                + " \"priority\": 1, \"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"5\","
                + " \"applies_to\": {\"billable_metric_codes\": [\"calls\"]}}}").body().get("wallet").get("lago_id").stringValue();
        String general = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"code\": \"general\","
                + " \"priority\": 2, \"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"10\"}}")
                .body().get("wallet").get("lago_id").stringValue();
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }

        JsonNode invoice = bill("2026-04-01T01:00:00Z");
        // plan fee 10.00 + 20% = 12.00; calls 2.00 + 20% = 2.40; total with tax 14.40.
        // The calls-only wallet (priority 1) pays the calls: 2.40 of its 5.00. The general wallet pays 10.00 (all it
        // has) of the plan fee. Left to pay: 14.40 − 2.40 − 10.00 = 2.00.
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(1240);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(200);
        assertThat(api.get("/api/v1/wallets/" + callsOnly).body().get("wallet").get("balance_cents").longValue()).isEqualTo(260);
        assertThat(api.get("/api/v1/wallets/" + general).body().get("wallet").get("balance_cents").longValue()).isZero();
    }

    @Test
    void anniversaryPeriodsEndAtMidnightInTheCustomersTimezoneEastOrWest() {
        s.customer("tokyo", "\"timezone\": \"Asia/Tokyo\"");
        s.customer("la", "\"timezone\": \"America/Los_Angeles\"");
        // Anchor 31 January local: the first period ends with 27 February (28 February is the capped anniversary).
        s.subscription("east", "tokyo", "monthly", "\"billing_time\": \"anniversary\", \"subscription_at\": \"2026-01-31T10:00:00Z\"");
        s.subscription("west", "la", "monthly", "\"billing_time\": \"anniversary\", \"subscription_at\": \"2026-01-31T20:00:00Z\"");

        // 28 February 00:00 in Tokyo (UTC+9) is 27 February 15:00 UTC: only the Tokyo customer's period has ended.
        JsonNode early = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-02-27T15:30:00Z\"}}").body()
                .get("billing_run");
        assertThat(early.get("invoices_count").intValue()).isEqualTo(1);
        JsonNode tokyo = api.get("/api/v1/invoices/" + early.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
        assertThat(tokyo.get("customer").get("external_id").stringValue()).isEqualTo("tokyo");
        // 31 Jan – 27 Feb is a whole anniversary period: 10.00 + 20% = 12.00
        assertThat(tokyo.get("total_amount_cents").longValue()).isEqualTo(1200);

        // 28 February 00:00 in Los Angeles (UTC−8) is 28 February 08:00 UTC.
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-02-28T07:59:00Z\"}}").body()
                .get("billing_run").get("invoices_count").intValue()).isZero();
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-02-28T08:01:00Z\"}}").body()
                .get("billing_run").get("invoices_count").intValue()).isEqualTo(1);
    }

    @Test
    void aCustomersSubscriptionsEndingTheSameDayShareOneInvoice() {
        s.plan("addon", "monthly", 500, "EUR", "[]");
        s.subscription("main", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.subscription("extra", "acme", "addon", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.customer("other", null);
        s.subscription("theirs", "other", "addon", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}").body()
                .get("billing_run");
        // acme: one invoice for both plans; other: its own
        assertThat(run.get("invoices_count").intValue()).isEqualTo(2);
        JsonNode acme = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").get(0);
        // 10.00 + 5.00 = 15.00; 20% tax = 3.00; total 18.00
        assertThat(acme.get("fees_amount_cents").longValue()).isEqualTo(1500);
        assertThat(acme.get("total_amount_cents").longValue()).isEqualTo(1800);
    }

    @Test
    void voidingABilledInvoiceGivesTheWalletItsCreditsBack() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}").body().get("wallet").get("lago_id").stringValue();
        JsonNode invoice = bill("2026-04-01T01:00:00Z");
        // 10.00 + 20% = 12.00; the wallet paid 5.00
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(500);
        assertThat(api.get("/api/v1/wallets/" + wallet).body().get("wallet").get("balance_cents").longValue()).isZero();

        var voided = api.post("/api/v1/invoices/" + invoice.get("lago_id").stringValue() + "/void", "{}");
        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);
        assertThat(voided.body().get("invoice").get("status").stringValue()).isEqualTo("voided");
        JsonNode after = api.get("/api/v1/wallets/" + wallet).body().get("wallet");
        assertThat(after.get("balance_cents").longValue()).isEqualTo(500);
        assertThat(after.get("consumed_credits").stringValue()).isEqualTo("0.0");
        JsonNode recredit = api.get("/api/v1/wallets/" + wallet + "/wallet_transactions?transaction_status=granted").body()
                .get("wallet_transactions").get(0);
        assertThat(recredit.get("lago_voided_invoice_id").stringValue()).isEqualTo(invoice.get("lago_id").stringValue());
    }

    @Test
    void voidingABilledInvoiceGivesItsCouponsBack() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        coupon("welcome", 200);
        assertThat(api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"Tenth\", \"code\": \"tenth\","
                + " \"coupon_type\": \"percentage\", \"percentage_rate\": \"10\", \"frequency\": \"recurring\","
                + " \"frequency_duration\": 1, \"expiration\": \"no_expiration\"}}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \"acme\","
                + " \"coupon_code\": \"tenth\"}}").status()).isEqualTo(200);

        JsonNode march = bill("2026-04-01T01:00:00Z");
        // fees 10.00; the fixed 2.00 first → 8.00; then 10% of 8.00 = 0.80 → 7.20; tax 20% = 1.44; total 8.64
        assertThat(march.get("coupons_amount_cents").longValue()).isEqualTo(280);
        assertThat(march.get("total_amount_cents").longValue()).isEqualTo(864);
        // both used up: the once coupon wholly, the recurring one its only period
        assertThat(api.get("/api/v1/applied_coupons?external_customer_id=acme&status=active").body().get("meta")
                .get("total_count").intValue()).isZero();

        var voided = api.post("/api/v1/invoices/" + march.get("lago_id").stringValue() + "/void", "{}");
        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);

        JsonNode active = api.get("/api/v1/applied_coupons?external_customer_id=acme&status=active").body();
        assertThat(active.get("meta").get("total_count").intValue()).isEqualTo(2);
        JsonNode welcome = appliedCoupon(active, "welcome");
        assertThat(welcome.get("amount_cents_remaining").longValue()).isEqualTo(200);
        assertThat(welcome.get("terminated_at").isNull()).isTrue();
        assertThat(appliedCoupon(active, "tenth").get("frequency_duration_remaining").intValue()).isEqualTo(1);
        // the voided invoice still shows what its coupons took
        assertThat(voided.body().get("invoice").get("coupons_amount_cents").longValue()).isEqualTo(280);

        // April is discounted again exactly as March was: 10.00 − 2.00 − 0.80 = 7.20, + 1.44 tax = 8.64
        JsonNode april = bill("2026-05-01T01:00:00Z");
        assertThat(april.get("coupons_amount_cents").longValue()).isEqualTo(280);
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(864);
        assertThat(api.get("/api/v1/applied_coupons?external_customer_id=acme&status=active").body().get("meta")
                .get("total_count").intValue()).isZero();
    }

    @Test
    void aCouponRemovedByHandStaysRemovedWhenItsInvoiceIsVoided() {
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        assertThat(api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"Tenth\", \"code\": \"tenth\","
                + " \"coupon_type\": \"percentage\", \"percentage_rate\": \"10\", \"frequency\": \"recurring\","
                + " \"frequency_duration\": 3, \"expiration\": \"no_expiration\"}}").status()).isEqualTo(200);
        String applied = api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \"acme\","
                + " \"coupon_code\": \"tenth\"}}").body().get("applied_coupon").get("lago_id").stringValue();

        JsonNode march = bill("2026-04-01T01:00:00Z");
        // fees 10.00; 10% = 1.00 → 9.00; tax 20% = 1.80; total 10.80; 2 of the coupon's 3 periods left
        assertThat(march.get("total_amount_cents").longValue()).isEqualTo(1080);
        clock.set(Instant.parse("2026-04-02T09:00:00Z"));
        api.delete("/api/v1/customers/acme/applied_coupons/" + applied);
        assertThat(api.post("/api/v1/invoices/" + march.get("lago_id").stringValue() + "/void", "{}").status())
                .isEqualTo(200);

        // the period March used comes back (3 left), but the coupon removed by hand stays removed
        JsonNode terminated = api.get("/api/v1/applied_coupons?external_customer_id=acme&status=terminated").body()
                .get("applied_coupons").get(0);
        assertThat(terminated.get("lago_id").stringValue()).isEqualTo(applied);
        assertThat(terminated.get("frequency_duration_remaining").intValue()).isEqualTo(3);
        // April: 10.00, no coupon; tax 20% = 2.00; total 12.00
        JsonNode april = bill("2026-05-01T01:00:00Z");
        assertThat(april.get("coupons_amount_cents").longValue()).isZero();
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(1200);
    }

    private static JsonNode appliedCoupon(JsonNode page, String code) {
        for (JsonNode applied : page.get("applied_coupons")) {
            if (applied.get("coupon_code").stringValue().equals(code)) {
                return applied;
            }
        }
        throw new AssertionError("no applied coupon " + code + " in " + page);
    }

    private void coupon(String code, long amountCents) {
        assertThat(api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"coupon_type\": \"fixed_amount\", \"amount_cents\": " + amountCents
                + ", \"amount_currency\": \"EUR\", \"frequency\": \"once\", \"expiration\": \"no_expiration\"}}").status())
                .isEqualTo(200);
        var applied = api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \"acme\","
                + " \"coupon_code\": \"" + code + "\"}}");
        assertThat(applied.status()).as(applied.raw()).isEqualTo(200);
    }

    private JsonNode bill(String at) {
        clock.set(Instant.parse(at));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        return api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }
}
