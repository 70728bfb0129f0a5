package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input on {@code /wallet_transactions} is a 4xx in Lago's envelope and writes nothing. */
class WalletTransactionInputTest extends ApiTest {
    private String walletId;

    @BeforeEach
    void wallet() {
        new Scenario(api).customer("acme", null);
        walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"code\": \"main\","
                + " \"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"10\"}}").body().get("wallet")
                .get("lago_id").stringValue();
    }

    @Test
    void creditsMustBeNonNegativeDecimalStrings() {
        assertThat(errors("\"paid_credits\": 5, \"granted_credits\": \"-1\", \"voided_credits\": \"abc\""))
                .isEqualTo("{\"paid_credits\":[\"invalid_paid_credits\",\"invalid_amount\"],"
                        + "\"granted_credits\":[\"invalid_granted_credits\",\"invalid_amount\"],"
                        + "\"voided_credits\":[\"invalid_voided_credits\",\"invalid_amount\"]}");
        assertThat(errors("\"granted_credits\": \"1\", \"priority\": 0, \"name\": 12"))
                .isEqualTo("{\"priority\":[\"value_is_out_of_range\"],\"name\":[\"value_is_invalid\"]}");
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"granted_credits\": \"1\"}}")
                .body().get("error_details").toString()).isEqualTo("{\"wallet_id\":[\"value_is_mandatory\"]}");
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet\": {}}").status()).isEqualTo(400);
        assertThat(errors("\"voided_transaction_id\": \"00000000-0000-0000-0000-000000000000\""))
                .isEqualTo("{\"voided_transaction_id\":[\"wallet_transaction_not_found\"]}");
        assertThat(errors("\"granted_credits\": \"1\", \"metadata\": [{\"key\": \"a\", \"value\": {\"nested\": 1}}]"))
                .isEqualTo("{\"metadata\":[\"nested_structure_not_allowed\"]}");
        assertThat(api.get("/api/v1/wallets/" + walletId + "/wallet_transactions").body().get("meta").get("total_count")
                .intValue()).isEqualTo(1);
    }

    @Test
    void aGrantCanBeVoidedWhollyByItsIdAndFiltersFindByMetadata() {
        JsonNode grant = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"granted_credits\": \"4\", \"metadata\": [{\"key\": \"campaign\", \"value\": \"spring\"}]}}")
                .body().get("wallet_transactions").get(0);
        JsonNode voided = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"voided_transaction_id\": \"" + grant.get("lago_id").stringValue() + "\"}}")
                .body().get("wallet_transactions").get(0);
        // the whole remainder of that grant: 4 credits
        assertThat(voided.get("credit_amount").stringValue()).isEqualTo("4.0");
        assertThat(api.get("/api/v1/customers/acme/wallets/main").body().get("wallet").get("credits_balance")
                .stringValue()).isEqualTo("10.0");
        JsonNode tagged = api.get("/api/v1/wallets/" + walletId + "/wallet_transactions?metadata[campaign]=spring").body();
        assertThat(tagged.get("meta").get("total_count").intValue()).isEqualTo(1);
        assertThat(tagged.get("wallet_transactions").get(0).get("lago_id")).isEqualTo(grant.get("lago_id"));
        assertThat(errors("\"voided_transaction_id\": \"" + grant.get("lago_id").stringValue() + "\""))
                .isEqualTo("{\"voided_transaction_id\":[\"no_remaining_amount\"]}");
    }

    private String errors(String fields) {
        var response = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        return response.body().get("error_details").toString();
    }
}
