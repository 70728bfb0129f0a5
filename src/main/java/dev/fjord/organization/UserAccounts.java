package dev.fjord.organization;

import dev.fjord.organization.internal.UserRepository;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The organization module's users, as sign-in needs them. E-mails are stored lower-cased, so look-ups ignore case. */
@Service
public class UserAccounts {
    private final UserRepository users;

    UserAccounts(UserRepository users) {
        this.users = users;
    }

    /** The user with this e-mail in their first organization (a user belongs to one today; the oldest membership wins). */
    public Optional<UserAccount> findByEmail(String email) {
        return email == null ? Optional.empty() : users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    }
}
