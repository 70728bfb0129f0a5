package dev.fjord.ui.internal;

import dev.fjord.organization.OrganizationUser;
import dev.fjord.organization.UserAccount;
import dev.fjord.organization.UserAccounts;
import dev.fjord.shared.BillingError;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organization's users, for admins only ({@code UiSecurityConfig} answers 403 to anyone else): the list, adding a
 * user with an initial password, resetting a password, removing a user (never oneself).
 */
@Controller
class UserPages {
    static final List<String> FIELDS = List.of("email", "password", "role");

    private final UserAccounts accounts;

    UserPages(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/users")
    String list(@AuthenticationPrincipal WebUser user, Model model) {
        return page(user, Map.of("role", "finance"), model);
    }

    @PostMapping("/users")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        var created = FormErrors.attempt(model, FIELDS,
                () -> accounts.create(user.organization(), form.get("email"), form.get("password"), form.get("role")));
        if (created.isEmpty()) {
            form.remove("password"); // never sent back to the browser
            return page(user, form, model);
        }
        redirect.addFlashAttribute("notice", "User " + created.get().email() + " added: they can sign in now.");
        return "redirect:/users";
    }

    @PostMapping("/users/{id}/password")
    String resetPassword(@AuthenticationPrincipal WebUser user, @PathVariable UUID id,
            @RequestParam(required = false) String password, RedirectAttributes redirect) {
        try {
            OrganizationUser changed = accounts.resetPassword(user.organization(), id, password);
            redirect.addFlashAttribute("notice", "Password of " + changed.email() + " changed.");
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", "The password was not changed. " + ErrorMessages.sentence(refused));
        }
        return "redirect:/users";
    }

    @GetMapping("/users/{id}/remove")
    String confirmRemoval(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, Model model) {
        OrganizationUser member = accounts.list(user.organization()).stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> BillingError.notFound("user"));
        return new Confirmation("Remove " + member.email() + "?", List.of(
                member.email() + " can no longer sign in; a session they have open ends at once.",
                "Nothing they did is undone. To let them in again, add them as a new user."),
                "/users/" + id + "/remove", "Yes, remove the user", "/users").show(model);
    }

    @PostMapping("/users/{id}/remove")
    String remove(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            OrganizationUser removed = accounts.remove(user.organization(), id, user.id());
            redirect.addFlashAttribute("notice", "User " + removed.email() + " removed.");
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", "The user was not removed. " + ErrorMessages.sentence(refused));
        }
        return "redirect:/users";
    }

    private String page(WebUser user, Map<String, ?> form, Model model) {
        model.addAttribute("users", accounts.list(user.organization()));
        model.addAttribute("me", user.id());
        model.addAttribute("form", form);
        model.addAttribute("roles", UserAccount.ROLES);
        return "users/list";
    }
}
