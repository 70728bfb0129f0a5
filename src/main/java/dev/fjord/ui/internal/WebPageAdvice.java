package dev.fjord.ui.internal;

import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.BillingError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page needs (the organization, for its name and timezone) and how pages fail: an HTML page in plain
 * words. Ordered before the API's advice, which would answer in JSON.
 */
@ControllerAdvice(basePackageClasses = WebPageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebPageAdvice {
    private final Organizations organizations;

    WebPageAdvice(Organizations organizations) {
        this.organizations = organizations;
    }

    @ModelAttribute("organization")
    Organization organization(@AuthenticationPrincipal WebUser user) {
        return user == null ? null : organizations.get(user.organization());
    }

    /** Whether the navigation offers the admin-only pages. */
    @ModelAttribute("isAdmin")
    boolean isAdmin(@AuthenticationPrincipal WebUser user) {
        return user != null && user.admin();
    }

    /** The first segment of the path, for the navigation bar. */
    @ModelAttribute("section")
    String section(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    /** htmx sends the CSRF token as a header on the requests it makes. */
    @ModelAttribute("csrfHeaders")
    String csrfHeaders(CsrfToken token) {
        return token == null ? null : "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
    }

    @ExceptionHandler(BillingError.class)
    ModelAndView billingError(BillingError error) {
        ModelAndView page = new ModelAndView("error-page");
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(error.kind().status));
        page.addObject("message", ErrorMessages.sentence(error));
        return page;
    }
}
