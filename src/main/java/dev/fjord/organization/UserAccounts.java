package dev.fjord.organization;

import dev.fjord.organization.internal.UserRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization module's users: sign-in look-ups, and the organization's user management (add a user with an
 * initial password, reset a password, remove a user). E-mails are stored lower-cased, so look-ups ignore case.
 * Who may manage users (admins) is the caller's rule; that nobody removes themselves is checked here.
 */
@Service
public class UserAccounts {
    /** Passwords: at least 8 characters; at most 72 bytes, all that bcrypt reads. */
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final int MAX_EMAIL = 254;

    private final UserRepository users;
    private final Clock clock;

    UserAccounts(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** The user with this e-mail in their first organization (a user belongs to one today; the oldest membership wins). */
    public Optional<UserAccount> findByEmail(String email) {
        return email == null ? Optional.empty() : users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    }

    public List<OrganizationUser> list(OrganizationId organization) {
        return users.members(organization);
    }

    /**
     * A new user of the organization who signs in with this e-mail and password. Errors, all at once, as a 422:
     * {@code email} invalid_email_format or value_already_exist (e-mails are unique across organizations),
     * {@code password} password_too_short or password_too_long, {@code role} value_is_invalid.
     */
    @Transactional
    public OrganizationUser create(OrganizationId organization, String email, String password, String role) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            errors.put("email", List.of("value_is_mandatory"));
        } else if (address.length() > MAX_EMAIL || !Formats.isEmail(address)) {
            errors.put("email", List.of("invalid_email_format"));
        }
        passwordError(password).ifPresent(code -> errors.put("password", List.of(code)));
        if (!UserAccount.ROLES.contains(role)) {
            errors.put("role", List.of("value_is_invalid"));
        }
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
        UUID id = users.insert(organization, address, password, role, clock.instant())
                .orElseThrow(() -> BillingError.validation("email", "value_already_exist"));
        return users.member(organization, id).orElseThrow();
    }

    /** Sets a new password for a user of the organization ({@code user_not_found} for anyone else). */
    @Transactional
    public OrganizationUser resetPassword(OrganizationId organization, UUID userId, String password) {
        OrganizationUser user = users.member(organization, userId).orElseThrow(() -> BillingError.notFound("user"));
        passwordError(password).ifPresent(code -> {
            throw BillingError.validation("password", code);
        });
        users.setPassword(organization, userId, password);
        return user;
    }

    /**
     * Removes a user from the organization; {@code acting} is the user asking, who cannot remove themselves (so an
     * organization never loses its last admin to its own hand): {@code 405 cannot_remove_yourself}.
     */
    @Transactional
    public OrganizationUser remove(OrganizationId organization, UUID userId, UUID acting) {
        OrganizationUser user = users.member(organization, userId).orElseThrow(() -> BillingError.notFound("user"));
        if (userId.equals(acting)) {
            throw BillingError.notAllowed("cannot_remove_yourself");
        }
        users.removeMember(organization, userId);
        return user;
    }

    private static Optional<String> passwordError(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return Optional.of("password_too_short");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of("password_too_long");
        }
        return Optional.empty();
    }
}
