package dev.fjord.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A business error with a stable snake_case code. One advice in {@code api} renders it in Lago's error envelope;
 * domain code never deals with HTTP, it only picks the kind.
 */
public final class BillingError extends RuntimeException {

    public enum Kind {
        BAD_REQUEST(400, "BadRequest"),
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "Not Found"),
        NOT_ALLOWED(405, "Method Not Allowed"),
        PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
        VALIDATION(422, "Unprocessable Entity");

        public final int status;
        public final String error;

        Kind(int status, String error) {
            this.status = status;
            this.error = error;
        }
    }

    private final Kind kind;
    private final String code;
    private final Map<String, ?> details;

    private BillingError(Kind kind, String code, String message, Map<String, ?> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = details;
    }

    /** 422 {@code validation_errors} with one field error. */
    public static BillingError validation(String field, String errorCode) {
        return validation(Map.of(field, List.of(errorCode)));
    }

    /**
     * 422 {@code validation_errors}; keys keep their insertion order. Values are lists of codes, or, for batches,
     * a field map per array index ({@code {"0": {"transaction_id": ["value_already_exist"]}}}).
     */
    public static BillingError validation(Map<String, ?> fieldErrors) {
        return new BillingError(Kind.VALIDATION, "validation_errors", "validation errors " + fieldErrors,
                new LinkedHashMap<>(fieldErrors));
    }

    /** 404 {@code <resource>_not_found}. */
    public static BillingError notFound(String resource) {
        return new BillingError(Kind.NOT_FOUND, resource + "_not_found", resource + " not found", null);
    }

    public static BillingError forbidden(String code) {
        return new BillingError(Kind.FORBIDDEN, code, code, null);
    }

    /** 405, Lago's way of saying "this action is not allowed in the current state". */
    public static BillingError notAllowed(String code) {
        return new BillingError(Kind.NOT_ALLOWED, code, code, null);
    }

    /** 400 without a code, like Lago's missing root key: the message is shown after "BadRequest: ". */
    public static BillingError badRequest(String message) {
        return new BillingError(Kind.BAD_REQUEST, null, message, null);
    }

    public static BillingError payloadTooLarge(long maxBytes) {
        return new BillingError(Kind.PAYLOAD_TOO_LARGE, "payload_too_large",
                "request body exceeds " + maxBytes + " bytes", null);
    }

    public static BillingError unsupportedMediaType() {
        return new BillingError(Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "request bodies must be application/json", null);
    }

    public Kind kind() {
        return kind;
    }

    /** Null for 400s, which carry no code in Lago's envelope. */
    public String code() {
        return code;
    }

    /** Field errors of a 422, else null. */
    public Map<String, ?> details() {
        return details;
    }
}
