package dev.fjord.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Lago's cross-cutting conventions (spec §0) as any client sees them over HTTP. */
class ApiConventionsTest extends ApiTest {

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        ApiClient stranger = new ApiClient(port, "no-such-key");
        assertThat(stranger.get("/api/v1/customers").raw()).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\"}");
        assertThat(stranger.get("/api/v1/customers").status()).isEqualTo(401);

        var noHeader = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers")).GET());
        assertThat(noHeader.status()).isEqualTo(401);
        assertThat(noHeader.raw()).isEqualTo("{\"status\":401,\"error\":\"Unauthorized\"}");
    }

    @Test
    void theWordBeforeTheKeyIsNotChecked() {
        // Lago takes the second token of the header whatever the first says.
        var response = api.send(api.request("/api/v1/organizations")
                .setHeader("Authorization", "Token " + apiKeyOf(api)).GET());
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAreNotFoundInTheEnvelope() {
        var response = api.get("/api/v1/no_such_thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"resource_not_found\"}");
    }

    @Test
    void aWrongMethodIs405() {
        var response = api.send(api.request("/api/v1/organizations").DELETE());
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body().get("code").stringValue()).isEqualTo("method_not_allowed");
    }

    @Test
    void malformedJsonIsABadRequest() {
        var response = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").stringValue()).startsWith("BadRequest: ");
        assertThat(response.body().has("code")).isFalse();
    }

    @Test
    void theRootKeyIsMandatory() {
        for (String body : new String[] {"{}", "{\"customers\": {}}", "{\"customer\": null}", "{\"customer\": 5}", "[]", "7"}) {
            var response = api.post("/api/v1/customers", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.raw()).as(body).isEqualTo(
                    "{\"status\":400,\"error\":\"BadRequest: param is missing or the value is empty or invalid: customer\"}");
        }
        assertThat(api.get("/api/v1/customers").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        var response = api.send(api.request("/api/v1/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void bodiesMustBeJson() {
        var response = api.send(api.request("/api/v1/customers").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("external_id=1")));
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body().get("code").stringValue()).isEqualTo("unsupported_media_type");
    }

    @Test
    void oversizedBodiesAreRejectedWhetherDeclaredOrStreamed() {
        long before = count("customers");
        String huge = "{\"customer\": {\"external_id\": \"big\", \"name\": \"" + "x".repeat(1_100_000) + "\"}}";

        var declared = api.post("/api/v1/customers", huge);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.body().get("code").stringValue()).isEqualTo("payload_too_large");

        // An InputStream publisher has no known length, so the body goes out chunked and is counted as it is read.
        var chunked = api.send(api.request("/api/v1/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(count("customers")).isEqualTo(before);
    }

    @Test
    void pageParametersAreValidated() {
        assertThat(api.get("/api/v1/customers?per_page=0").body().get("error_details").toString())
                .isEqualTo("{\"per_page\":[\"value_is_out_of_range\"]}");
        assertThat(api.get("/api/v1/customers?per_page=1001").status()).isEqualTo(422);
        assertThat(api.get("/api/v1/customers?page=abc").body().get("error_details").toString())
                .isEqualTo("{\"page\":[\"value_is_invalid\"]}");
        assertThat(api.get("/api/v1/customers?page=-1").status()).isEqualTo(422);
        assertThat(api.get("/api/v1/customers?per_page=1000").status()).isEqualTo(200);
    }

    @Test
    void textPostgresCannotStoreIsRejectedAsAClientError() {
        // NUL characters and bytes that are not UTF-8 reach PostgreSQL as errors unless stopped at the door.
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"a\\u0000b\"}}").body()
                .get("error_details").toString()).isEqualTo("{\"external_id\":[\"value_is_invalid\"]}");
        var nulInQuery = api.get("/api/v1/customers?search_term=a%00b");
        assertThat(nulInQuery.status()).isEqualTo(400);
        assertThat(nulInQuery.body().get("error").stringValue()).startsWith("BadRequest: ");
        assertThat(api.get("/api/v1/customers?search_term=%ff").status()).isEqualTo(400);
        // Tomcat refuses an encoded NUL in a path itself; its answer is still Lago's JSON envelope.
        var nulInPath = api.get("/api/v1/customers/a%00b");
        assertThat(nulInPath.status()).isEqualTo(400);
        assertThat(nulInPath.raw()).isEqualTo("{\"status\":400,\"error\":\"BadRequest: the request could not be read\"}");
    }

    @Test
    void absurdNumbersAreOutOfRangeNotErrors() {
        var response = api.post("/api/v1/customers",
                "{\"customer\": {\"external_id\": \"n\", \"net_payment_term\": 99999999999999999999999}}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error_details").toString())
                .isEqualTo("{\"net_payment_term\":[\"value_is_out_of_range\"]}");
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"n\", \"net_payment_term\": 1.5}}")
                .body().get("error_details").toString()).isEqualTo("{\"net_payment_term\":[\"value_is_invalid\"]}");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(api.post("/api/v1/customers", "{\"customer\": " + deep + "}").status()).isEqualTo(400);
    }

    @Test
    void healthReportsTheDatabase() {
        var health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("components").get("db").get("status").stringValue()).isEqualTo("UP");
    }

    @Test
    void theRootLeadsToTheWebUiSignIn() {
        var root = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).GET());
        assertThat(root.status()).isEqualTo(302); // an API key is no web session: sign in first
        var login = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.raw()).contains("Fjord");
    }

    private static String apiKeyOf(ApiClient client) {
        return client.request("/").build().headers().firstValue("Authorization").orElseThrow().substring("Bearer ".length());
    }
}
