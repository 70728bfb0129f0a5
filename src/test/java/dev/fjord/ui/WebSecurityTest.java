package dev.fjord.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.organization.NewOrganization;
import dev.fjord.support.ApiTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sign-in guards the web pages only: the API stays stateless with bearer keys, no session and no CSRF. */
class WebSecurityTest extends ApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient(); // follows no redirects

    @Test
    void pagesAskToSignIn() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(url("/customers")).GET());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(send(HttpRequest.newBuilder(url("/login")).GET()).body()).contains("Sign in");
    }

    @Test
    void signingInWithoutTheFormsCsrfTokenIsRefused() {
        String email = "admin-" + UUID.randomUUID() + "@fjord.test";
        organizations.create(new NewOrganization("Csrf", "k-" + UUID.randomUUID(), email, "secret-pass"));
        HttpResponse<String> login = send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=" + email + "&password=secret-pass")));
        // Refused before the password is checked; without a session Spring Security reads a missing token as an
        // expired session and sends the person back to the sign-in page, not into the application.
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?expired"));
    }

    @Test
    void theApiKeepsBearerKeysWithoutSessionOrCsrf() {
        var created = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c-1\"}}");
        assertThat(created.status()).isEqualTo(200);
        HttpResponse<String> raw = send(api.request("/api/v1/customers").GET());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(url("/api/v1/customers")).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401); // the API's JSON 401, not a redirect to the sign-in page
        assertThat(anonymous.body()).contains("\"status\":401");
        assertThat(send(HttpRequest.newBuilder(url("/actuator/health")).GET()).statusCode()).isEqualTo(200);
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
