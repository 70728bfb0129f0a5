package dev.fjord.api;

import dev.fjord.shared.OrganizationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Authorization: Bearer <key>} → organization, for every {@code /api/} request. Like Lago, the second
 * whitespace-separated token is the key and the word before it is not checked.
 */
class ApiKeyFilter extends OncePerRequestFilter {
    static final String ORGANIZATION_ATTRIBUTE = ApiKeyFilter.class.getName() + ".organization";

    /** Looked up on first use: filters are built before the database, which must not start inside Tomcat's start. */
    private final ObjectProvider<ApiKeyResolver> resolver;
    private final JsonMapper json;

    ApiKeyFilter(ObjectProvider<ApiKeyResolver> resolver, JsonMapper json) {
        this.resolver = resolver;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<OrganizationId> organization = apiKey(request).flatMap(resolver.getObject()::organizationFor);
        if (organization.isEmpty()) {
            response.setStatus(401);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ErrorEnvelope.unauthorized());
            return;
        }
        request.setAttribute(ORGANIZATION_ATTRIBUTE, organization.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> apiKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String[] words = header.strip().split("\\s+");
        return words.length == 2 && !words[1].isEmpty() ? Optional.of(words[1]) : Optional.empty();
    }
}
