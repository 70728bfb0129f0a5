package dev.fjord.webhook.internal;

import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import dev.fjord.webhook.WebhookTypes;
import java.util.List;

/** Lago's {@code webhook_endpoint} payload → the columns to write, every field error collected into one 422. */
public final class WebhookEndpointInputReader {
    private WebhookEndpointInputReader() {}

    /**
     * {@code webhook_url} is required on create and update (Lago's input schemas); {@code signature_algo} sent as
     * null keeps Lago's default (jwt); {@code event_types} null means every type.
     */
    public static Changes read(JsonInput in, boolean creating) {
        Changes changes = new Changes();
        String url = in.string("webhook_url", MAX_LONG_TEXT_LENGTH, Formats::isHttpUrl, "url_is_invalid");
        if (creating) {
            in.require("webhook_url", url);
        }
        in.setRequiredIfSent(changes, "webhook_url", url);
        String algo = in.oneOf("signature_algo", List.of("jwt", "hmac"));
        in.setIfSent(changes, "signature_algo", algo == null ? "jwt" : algo);
        in.setIfSent(changes, "name", in.string("name", MAX_TEXT_LENGTH));
        in.setIfSent(changes, "event_types", in.strings("event_types", WebhookTypes.ALL));
        in.validate();
        return changes;
    }
}
