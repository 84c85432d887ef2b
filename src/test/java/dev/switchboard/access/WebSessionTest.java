package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.switchboard.support.Api;
import dev.switchboard.support.AppTest;

/**
 * The web UI's session cookie next to the API's bearer tokens. A signed-in page opens its stream
 * ({@code /api/v1/stream?access_token=...}) with a bearer token, and the browser sends the session
 * cookie along; the API's chain is stateless and must leave that session alone. It used to rotate the
 * session's id (session-fixation protection on every bearer authentication), and a page that navigated
 * away before the handshake's answer kept the old id: the next page was the sign-in form.
 */
class WebSessionTest extends AppTest {

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void aBearerRequestCarryingTheSessionCookieLeavesTheSessionAsItWas() {
        String session = signInOnTheWeb(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(page("/admin", session).status()).as("signed in").isEqualTo(200);

        Api.Response apiCall = api().get("/api/v1/teams", Api.join(admin(), "Cookie", "JSESSIONID=" + session));

        assertThat(apiCall.status()).isEqualTo(200);
        assertThat(apiCall.headers().allValues("Set-Cookie")).as("the API sets no cookie").isEmpty();
        Api.Response after = page("/admin", session);
        assertThat(after.status()).as("still signed in with the same cookie, not sent to " + after.header("Location"))
                .isEqualTo(200);
    }

    /** Signs in through the form as a browser does; returns the session cookie's value. */
    private String signInOnTheWeb(String email, String password) {
        Api.Response form = api().get("/login");
        String anonymous = cookie(form);
        Matcher csrf = CSRF.matcher(form.text());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        String body = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        Api.Response signedIn = api().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .POST(HttpRequest.BodyPublishers.ofString(body)), "Content-Type", "application/x-www-form-urlencoded",
                "Cookie", "JSESSIONID=" + anonymous);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("/login");
        return cookie(signedIn);
    }

    private Api.Response page(String path, String session) {
        return api().get(path, "Cookie", "JSESSIONID=" + session);
    }

    private static String cookie(Api.Response response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
