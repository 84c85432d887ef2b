package dev.switchboard.access;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The web UI's sign-in form; Spring Security takes its POST. */
@Controller
class SignInPage {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
