package dev.fjord.api;

import dev.fjord.shared.BillingError;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lago's error body: {@code {"status", "error", "code", "error_details"}}, with only the keys Lago sends. */
public final class ErrorEnvelope {
    private ErrorEnvelope() {}

    public static Map<String, Object> of(BillingError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.kind().status);
        if (e.kind() == BillingError.Kind.BAD_REQUEST) {
            body.put("error", "BadRequest: " + e.getMessage());
            return body;
        }
        body.put("error", e.kind().error);
        body.put("code", e.code());
        if (e.details() != null) {
            body.put("error_details", e.details());
        }
        return body;
    }

    public static Map<String, Object> unauthorized() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 401);
        body.put("error", "Unauthorized");
        return body;
    }

    public static Map<String, Object> internalError() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 500);
        body.put("error", "Internal Server Error");
        return body;
    }
}
