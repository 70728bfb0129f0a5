package dev.fjord.ui.internal;

import dev.fjord.organization.UserAccount;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in person, with the organization every page of their session works in. */
final class WebUser extends User {
    private final UUID organization; // a UUID, not the record: sessions must stay serializable
    private final UUID id;
    private final boolean admin;
    private final String passwordHash; // kept past Spring's erasing of credentials: a reset ends the session

    WebUser(UserAccount account) {
        super(account.email(), account.passwordHash(),
                List.of(new SimpleGrantedAuthority("ROLE_" + account.role().toUpperCase(java.util.Locale.ROOT))));
        this.organization = account.organization().value();
        this.id = account.id();
        this.admin = account.isAdmin();
        this.passwordHash = account.passwordHash();
    }

    /** Whether the user still has the password they signed in with. */
    boolean signedInWith(String currentHash) {
        return passwordHash.equals(currentHash);
    }

    UUID id() {
        return id;
    }

    /** Admins also manage the organization's users. */
    boolean admin() {
        return admin;
    }

    OrganizationId organization() {
        return new OrganizationId(organization);
    }
}
