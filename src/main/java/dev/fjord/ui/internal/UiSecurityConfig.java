package dev.fjord.ui.internal;

import dev.fjord.organization.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Sign-in for the web pages only. The API keeps its own rules ({@code ApiKeyFilter}: stateless bearer keys, no
 * session, no CSRF) because no chain here matches {@code /api/**}; the firewall also lets API requests through as they
 * are, so Spring Security changes nothing an API client sees. Health stays public for load balancers, and invoice
 * PDFs ({@code /documents/<unguessable token>/...}, Lago's {@code file_url}) keep their own rule: the token is the key.
 */
@Configuration
class UiSecurityConfig {
    private static final List<String> NOT_PAGES = List.of("/actuator/", "/documents/");
    static final RequestMatcher WEB_PAGES =
            request -> !isApi(request) && NOT_PAGES.stream().noneMatch(path(request)::startsWith);

    @Bean
    SecurityFilterChain webPages(HttpSecurity http, UserAccounts accounts) throws Exception {
        return http.securityMatcher(WEB_PAGES)
                .addFilterBefore(new RevokedSessions(accounts), AuthorizationFilter.class)
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/users", "/users/**", "/developers", "/developers/**").hasRole("ADMIN") // others get 403
                        .anyRequest().authenticated())
                .formLogin(login -> login.loginPage("/login").usernameParameter("email")
                        .defaultSuccessUrl("/customers", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.invalidSessionUrl("/login?expired"))
                .build();
    }

    @Bean
    WebSecurityCustomizer apiBypassesFirewall() {
        return web -> web.httpFirewall(new WebPagesFirewall(UiSecurityConfig::isApi));
    }

    /** The organization module stores bcrypt hashes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    static boolean isApi(HttpServletRequest request) {
        return path(request).startsWith("/api/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
