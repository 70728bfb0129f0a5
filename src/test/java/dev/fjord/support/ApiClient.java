package dev.fjord.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A minimal HTTP client speaking to Fjord the way Lago's SDKs do: Bearer key, JSON in, JSON out. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String apiKey;

    public ApiClient(int port, String apiKey) {
        this.port = port;
        this.apiKey = apiKey;
    }

    /** The first characters of the key, as stored in clear beside its digest. */
    public String apiKeyPrefix() {
        return apiKey.substring(0, 8);
    }

    public record Response(int status, JsonNode body, String raw) {}

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any request, for the cases a client gets wrong (other headers, methods or bodies). */
    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : parse(response.body());
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + apiKey);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
