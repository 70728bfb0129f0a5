package dev.fjord.ui.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the start page. Spring Security handles the sign-in POST and {@code POST /logout}. */
@Controller
class HomePages {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/customers";
    }
}
