package dev.fjord.ui.internal;

import dev.fjord.organization.UserAccounts;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Signs people in with the organization module's users (e-mail + bcrypt password). */
@Component
class WebUsers implements UserDetailsService {
    private final UserAccounts accounts;

    WebUsers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return accounts.findByEmail(email).map(WebUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("no user with this e-mail"));
    }
}
