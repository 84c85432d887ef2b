package dev.switchboard.workspace;

import java.util.Locale;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.switchboard.access.Role;
import dev.switchboard.access.SignedInUser;
import dev.switchboard.access.StreamTokens;
import jakarta.servlet.http.HttpSession;

/**
 * What every signed-in page shows: who is signed in, and, for agents, the token their page opens the
 * stream with (so that new work arrives live on every page they are on).
 */
@ControllerAdvice(assignableTypes = {DeskPages.class, LeadPage.class, AdminPage.class})
class SignedInModel {

    private final StreamTokens streamTokens;
    private final PageFormat format;

    SignedInModel(StreamTokens streamTokens, java.time.Clock clock) {
        this.streamTokens = streamTokens;
        this.format = new PageFormat(clock);
    }

    @ModelAttribute("fmt")
    PageFormat format() {
        return format;
    }

    /** The signed-in person as pages show them. */
    public record Me(String id, String name, String role, String team) {
    }

    @ModelAttribute("me")
    Me me(@AuthenticationPrincipal SignedInUser user) {
        if (user == null) {
            return null;
        }
        var u = user.user();
        return new Me(u.id(), u.name(), u.role().name().toLowerCase(Locale.ROOT), u.team());
    }

    @ModelAttribute("streamToken")
    String streamToken(@AuthenticationPrincipal SignedInUser user, HttpSession session) {
        return user != null && user.user().role() == Role.AGENT ? streamTokens.forSession(session, user) : null;
    }
}
