package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.Browser;
import dev.switchboard.support.RoutedTeam;

/**
 * The web UI in a real browser (Debian's Chromium): an agent's day from sign-in to reply, the
 * customer's tracking link, a stale edit, and another team's ticket kept out of sight. Saves the main
 * pages to docs/screenshots/ for the README.
 */
@DirtiesContext // its portal tickets wait for the generalist team, which other tests (the bench's) staff
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class WorkspaceBrowserTest extends AppTest {

    @Test
    void anAgentSeesANewTicketLiveOpensItAndRepliesAndTheCustomerSeesTheReply() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        team.agent("ada");
        try (Browser agent = Browser.open(port)) {
            agent.go("/login");
            agent.screenshot("sign-in");
            agent.signIn("ada-" + team.name() + "@example.com", "agent-password");
            assertThat(agent.driver().getCurrentUrl()).endsWith("/desk");
            agent.await().until(d -> "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-stream")));

            String id = team.postTicket(); // through the API, while the desk is open
            agent.visible(By.cssSelector("#lists .ticket-row[data-ticket='" + id + "']"));
            assertThat(agent.visible(By.id("cue")).getText()).contains("New ticket");
            agent.screenshot("agent-desk");

            agent.driver().findElement(By.cssSelector("#lists .ticket-row[data-ticket='" + id + "'] a")).click();
            agent.await().until(ExpectedConditions.textToBe(By.id("ticket-status"), "open")); // opening it acknowledged it
            agent.driver().findElement(By.id("reply-body")).sendKeys("We found the problem and fixed it.");
            agent.driver().findElement(By.id("send-reply")).click();
            agent.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"),
                    "We found the problem and fixed it."));
            agent.screenshot("ticket");
            String link = agent.driver().findElement(By.id("tracking-link")).getDomAttribute("href");

            try (Browser customer = Browser.open(port)) {
                customer.go(link);
                assertThat(customer.visible(By.id("conversation")).getText()).contains("We found the problem and fixed it.");
                customer.driver().findElement(By.id("portal-reply")).sendKeys("Thank you, it works now.");
                customer.driver().findElement(By.cssSelector("form button[type=submit]")).click();
                customer.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "it works now"));
                customer.screenshot("portal-ticket");
                customer.go("/portal/t/" + id + ".forged");
                assertThat(customer.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
            }
            agent.driver().navigate().refresh();
            assertThat(agent.visible(By.id("conversation")).getText()).contains("Thank you, it works now.");
        }
    }

    @Test
    void aStaleEditInASecondWindowGetsTheConflictAndAnotherTeamsTicketStaysHidden() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        RoutedTeam other = new RoutedTeam(api(), admin());
        team.agent("bo");
        String theirs = other.postTicket();
        try (Browser agent = Browser.open(port)) {
            agent.signIn("bo-" + team.name() + "@example.com", "agent-password");
            String id = team.postTicket();
            agent.visible(By.cssSelector("#lists .ticket-row[data-ticket='" + id + "']"));
            agent.go("/tickets/" + id);
            agent.await().until(ExpectedConditions.textToBe(By.id("ticket-status"), "open"));
            String first = agent.driver().getWindowHandle();

            agent.driver().switchTo().newWindow(WindowType.TAB);
            agent.go("/tickets/" + id);
            new Select(agent.visible(By.id("priority"))).selectByValue("P1");
            agent.driver().findElement(By.id("save-ticket")).click();
            agent.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"), "Saved"));

            agent.driver().switchTo().window(first); // still showing the version before the change
            new Select(agent.driver().findElement(By.id("priority"))).selectByValue("P4");
            agent.driver().findElement(By.id("save-ticket")).click();
            assertThat(agent.visible(By.id("conflict")).getText()).contains("Someone changed this ticket");
            assertThat(new Select(agent.driver().findElement(By.id("priority"))).getFirstSelectedOption().getText())
                    .as("the page now shows the current ticket").isEqualTo("P1");
            assertThat(team.ticket(id).get("priority").asString()).isEqualTo("P1");

            agent.go("/tickets/" + theirs);
            assertThat(agent.driver().findElement(By.tagName("h1")).getText()).as(agent::describe).isEqualTo("Not found");
            assertThat(agent.driver().getPageSource()).doesNotContain("hello, a question");
        }
    }

    @Test
    void leadsAndAdminsHaveTheirPagesAndCustomersTheirForm() {
        RoutedTeam team = new RoutedTeam(api(), admin());
        team.agent("cy");
        team.postTicket();
        String[] lead = team.lead("lee");
        assertThat(lead).isNotEmpty();
        try (Browser browser = Browser.open(port)) {
            browser.signIn("lee-" + team.name() + "@example.com", "lead-password");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/lead");
            assertThat(browser.visible(By.id("queues-heading")).getText()).isEqualTo("Waiting");
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("cy");
            browser.screenshot("lead-queues");
            browser.go("/admin");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        }
        try (Browser browser = Browser.open(port)) {
            browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.go("/admin");
            browser.visible(By.id("rules-heading"));
            browser.screenshot("admin");
            browser.driver().findElement(By.id("yaml")).clear();
            browser.driver().findElement(By.id("yaml")).sendKeys("rules:\n  - name: broken\n    when: { nonsense: [1] }\n");
            browser.driver().findElement(By.cssSelector("#rules button[type=submit]")).click();
            assertThat(browser.visible(By.id("rule-problems")).getText()).contains("broken");
            var skill = browser.driver().findElement(By.cssSelector("#routing input[name=skill]"));
            skill.clear();
            skill.sendKeys("0.7");
            browser.driver().findElement(By.cssSelector("#routing button[type=submit]")).click();
            assertThat(browser.visible(By.cssSelector(".alert")).getText()).contains("skill 0.7");
            browser.driver().findElement(By.cssSelector("#backups button[type=submit]")).click();
            assertThat(browser.visible(By.cssSelector(".alert")).getText()).startsWith("Backup switchboard-").endsWith(".zip taken.");
            assertThat(browser.visible(By.cssSelector("#backups table")).getText()).contains("switchboard-").contains("MB");
            browser.go("/admin/models");
            browser.driver().findElement(By.id("retrain")).click();
            assertThat(browser.visible(By.cssSelector(".alert")).getText()).contains("Training started");
            browser.await().until(d -> { // the job ends on its own thread: the page shows it once it has
                d.navigate().refresh();
                return d.findElement(By.id("job")).getText().contains("not enough resolved tickets");
            });
            browser.screenshot("admin-models");
        }
        try (Browser customer = Browser.open(port)) {
            customer.go("/portal");
            customer.driver().findElement(By.id("name")).sendKeys("Dee");
            customer.driver().findElement(By.id("email")).sendKeys("dee@example.com");
            customer.driver().findElement(By.id("subject")).sendKeys("Cannot sign in");
            customer.driver().findElement(By.id("body")).sendKeys("The sign-in page says my password is wrong.");
            customer.screenshot("portal-new");
            customer.driver().findElement(By.cssSelector("form button[type=submit]")).click();
            assertThat(customer.visible(By.id("created")).getText()).contains("we have your request");
            assertThat(customer.driver().getCurrentUrl()).contains("/portal/t/");
        }
    }
}
