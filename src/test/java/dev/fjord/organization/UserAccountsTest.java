package dev.fjord.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** User management of an organization: add with an initial password, reset, remove (never oneself). */
class UserAccountsTest extends ApiTest {
    @Autowired
    UserAccounts accounts;
    @Autowired
    PasswordEncoder passwords;

    private OrganizationId organization;
    private UserAccount admin;

    @BeforeEach
    void organizationWithAdmin() {
        String email = "owner-" + UUID.randomUUID() + "@fjord.test";
        organization = organizations.create(new NewOrganization("Users Org", "k-" + UUID.randomUUID(), email,
                "owner-password"));
        admin = accounts.findByEmail(email).orElseThrow();
    }

    @Test
    void addsAUserWhoSignsInWithTheirPasswordHashed() {
        String email = "Lena-" + UUID.randomUUID() + "@Fjord.test";
        OrganizationUser lena = accounts.create(organization, email, "initial-pass", "finance");

        assertThat(lena.email()).isEqualTo(email.toLowerCase()); // stored lower-cased
        assertThat(lena.role()).isEqualTo("finance");
        UserAccount account = accounts.findByEmail(email).orElseThrow();
        assertThat(account.organization()).isEqualTo(organization);
        assertThat(account.passwordHash()).startsWith("$2").doesNotContain("initial-pass");
        assertThat(passwords.matches("initial-pass", account.passwordHash())).isTrue();
        assertThat(accounts.list(organization)).extracting(OrganizationUser::email)
                .containsExactly(admin.email(), lena.email());
    }

    @Test
    void refusesBadInputAllAtOnceAndTakenEmails() {
        assertThatThrownBy(() -> accounts.create(organization, "not-an-email", "short", "owner"))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.details()).isEqualTo(Map.of(
                        "email", List.of("invalid_email_format"), "password", List.of("password_too_short"),
                        "role", List.of("value_is_invalid"))));
        // bcrypt reads 72 bytes: 37 two-byte letters (74 bytes) are refused, not silently cut
        assertThatThrownBy(() -> accounts.create(organization, "x-" + UUID.randomUUID() + "@fjord.test",
                "é".repeat(37), "admin"))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.details()).isEqualTo(Map.of(
                        "password", List.of("password_too_long"))));
        assertThatThrownBy(() -> accounts.create(organization, admin.email().toUpperCase(), "long-enough", "admin"))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.details()).isEqualTo(Map.of(
                        "email", List.of("value_already_exist"))));
        assertThat(accounts.list(organization)).hasSize(1); // nothing written
    }

    @Test
    void resetsAPasswordAndRemovesOthersButNeverOneself() {
        OrganizationUser lena = accounts.create(organization, "lena-" + UUID.randomUUID() + "@fjord.test",
                "initial-pass", "manager");
        accounts.resetPassword(organization, lena.id(), "second-pass");
        String hash = accounts.findByEmail(lena.email()).orElseThrow().passwordHash();
        assertThat(passwords.matches("second-pass", hash)).isTrue();
        assertThat(passwords.matches("initial-pass", hash)).isFalse();

        assertThatThrownBy(() -> accounts.remove(organization, admin.id(), admin.id()))
                .isInstanceOfSatisfying(BillingError.class, e -> {
                    assertThat(e.kind()).isEqualTo(BillingError.Kind.NOT_ALLOWED);
                    assertThat(e.code()).isEqualTo("cannot_remove_yourself");
                });
        accounts.remove(organization, lena.id(), admin.id());
        assertThat(accounts.findByEmail(lena.email())).isEmpty(); // no organization left: the user is gone
        assertThat(accounts.list(organization)).extracting(OrganizationUser::id).containsExactly(admin.id());
    }

    @Test
    void anotherOrganizationsUserIsNotFound() {
        String email = "other-" + UUID.randomUUID() + "@fjord.test";
        OrganizationId other = organizations.create(new NewOrganization("Other", "k-" + UUID.randomUUID(), email,
                "other-password"));
        UUID stranger = accounts.findByEmail(email).orElseThrow().id();

        assertThatThrownBy(() -> accounts.resetPassword(organization, stranger, "hijacked-pass"))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.code()).isEqualTo("user_not_found"));
        assertThatThrownBy(() -> accounts.remove(organization, stranger, admin.id()))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.code()).isEqualTo("user_not_found"));
        assertThat(accounts.list(other)).extracting(OrganizationUser::id).containsExactly(stranger);
        String hash = accounts.findByEmail(email).orElseThrow().passwordHash();
        assertThat(passwords.matches("other-password", hash)).isTrue();
    }
}
