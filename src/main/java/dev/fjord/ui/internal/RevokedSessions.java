package dev.fjord.ui.internal;

import dev.fjord.organization.UserAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose user was removed or had their password reset since signing in: an admin's reset is meant to
 * lock out whoever held the old password, at once rather than after 30 idle minutes. One indexed look-up per page.
 * Not a bean: it runs only in the web pages' security chain.
 */
final class RevokedSessions extends OncePerRequestFilter {
    private final UserAccounts accounts;

    RevokedSessions(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof WebUser user && !stillValid(user)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(WebUser user) {
        return accounts.findByEmail(user.getUsername())
                .filter(account -> account.id().equals(user.id()) && user.signedInWith(account.passwordHash()))
                .isPresent();
    }
}
