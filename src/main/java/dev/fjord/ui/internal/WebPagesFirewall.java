package dev.fjord.ui.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Predicate;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall for the web pages; API requests pass untouched, so their odd-but-valid inputs
 * keep meeting the API's own checks and its JSON error envelope rather than a bare 400 from the firewall.
 */
final class WebPagesFirewall implements HttpFirewall {
    private final HttpFirewall strict = new StrictHttpFirewall();
    private final Predicate<HttpServletRequest> passesUntouched;

    WebPagesFirewall(Predicate<HttpServletRequest> passesUntouched) {
        this.passesUntouched = passesUntouched;
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        if (passesUntouched.test(request)) {
            return new FirewalledRequest(request) {
                @Override
                public void reset() {}
            };
        }
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }
}
