package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.Browser;
import dev.switchboard.support.RoutedTeam;

/**
 * An agent who leaves the desk open and walks away, in a real browser: the offers run out, routing takes
 * them to be away, and the desk's availability switch shows it, live; turning it back on brings the
 * ticket back.
 */
@TestPropertySource(properties = {"switchboard.auth.sign-ins-per-minute=1000", "switchboard.routing.ack-timeout=1s",
        "switchboard.routing.away-after-missed-offers=2"})
class AwayAgentBrowserTest extends AppTest {

    @Test
    void theDeskShowsAnAgentTakenToBeAwayAndTheirSwitchBringsTheTicketBack() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        team.agent("walker", 1);
        try (Browser agent = Browser.open(port)) {
            agent.go("/login");
            agent.signIn("walker-" + team.name() + "@example.com", "agent-password");
            agent.await().until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-stream")));
            By toggle = By.id("availability-switch");
            assertThat(agent.visible(toggle).getDomAttribute("aria-checked")).isEqualTo("true");

            String id = team.postTicket(); // offered, and left unanswered twice

            agent.await().until(ExpectedConditions.attributeToBe(toggle, "aria-checked", "false"));
            assertThat(agent.visible(toggle).getText()).isEqualTo("Not taking new tickets");
            assertThat(team.ticket(id).get("status").asString()).isEqualTo("queued");

            agent.driver().findElement(toggle).click(); // the switch is swapped for the server's answer
            agent.await().ignoring(StaleElementReferenceException.class)
                    .until(ExpectedConditions.attributeToBe(toggle, "aria-checked", "true"));
            agent.visible(By.cssSelector("#lists [data-list='mine'] .ticket-row[data-ticket='" + id + "']"));
        }
    }
}
