package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import dev.switchboard.support.AppTest;
import dev.switchboard.support.Browser;
import tools.jackson.databind.JsonNode;

/**
 * The chat widget embedded in another website (its own origin, served here by the JDK's HTTP server),
 * in a real browser: the customer's messages open a chat ticket and reach the agent's ticket page live,
 * the agent's replies reach the widget live, internal notes never, and a reload continues the chat.
 */
@TestPropertySource(properties = "switchboard.auth.sign-ins-per-minute=1000")
class ChatWidgetBrowserTest extends AppTest {

    private static HttpServer website;

    @BeforeAll
    static void startWebsite() throws IOException {
        website = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        website.start();
    }

    @AfterAll
    static void stopWebsite() {
        website.stop(0);
    }

    /** A shop's page that embeds the widget with one script tag. */
    private String shopPage() {
        String path = "/shop-" + UUID.randomUUID();
        byte[] html = """
                <!doctype html><html lang="en"><head><title>Example Shop</title></head>
                <body><h1>Example Shop</h1><p>Our finest products.</p>
                <script src="http://127.0.0.1:%d/widget.js" data-title="Chat with us" async></script></body></html>"""
                .formatted(port).getBytes(StandardCharsets.UTF_8);
        website.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        return "http://127.0.0.1:" + website.getAddress().getPort() + path;
    }

    private static SearchContext widget(WebDriver driver) {
        return driver.findElement(By.id("switchboard-chat")).getShadowRoot();
    }

    private static String chatLog(WebDriver driver) {
        return widget(driver).findElement(By.cssSelector(".log")).getText();
    }

    @Test
    void aChatRunsLiveBothWaysBetweenTheWidgetAndTheTicketPage() {
        String word = "w" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser customer = Browser.open(port); Browser agent = Browser.open(port)) {
            WebDriver shop = customer.driver();
            shop.get(shopPage());
            customer.await().until(d -> d.findElements(By.id("switchboard-chat")).size() == 1);
            widget(shop).findElement(By.cssSelector(".launcher")).click();
            widget(shop).findElement(By.cssSelector(".start input[name=name]")).sendKeys("Ivy");
            widget(shop).findElement(By.cssSelector(".start input[name=email]")).sendKeys("ivy-" + word + "@example.com");
            widget(shop).findElement(By.cssSelector(".start textarea")).sendKeys("Where is my parcel? " + word);
            widget(shop).findElement(By.cssSelector(".start button.send")).click();
            customer.await().until(d -> chatLog(d).contains("Where is my parcel? " + word));

            await().atMost(Duration.ofSeconds(15)).until(() -> api().get("/api/v1/tickets?q=" + word, admin()).json().get("items").size() == 1);
            JsonNode ticket = api().get("/api/v1/tickets?q=" + word, admin()).json().get("items").get(0);
            assertThat(ticket.get("channel").asString()).isEqualTo("chat");
            assertThat(ticket.get("customer").get("email").asString()).isEqualTo("ivy-" + word + "@example.com");
            String id = ticket.get("id").asString();

            agent.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            agent.go("/tickets/" + id);
            agent.visible(By.id("conversation"));
            assertThat(agent.driver().findElement(By.id("conversation")).getText()).contains("Where is my parcel? " + word);

            // The customer writes again: it appears on the open ticket page without a reload.
            widget(shop).findElement(By.cssSelector(".say textarea")).sendKeys("It was due on Monday.");
            widget(shop).findElement(By.cssSelector(".say button.send")).click();
            agent.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "It was due on Monday."));
            assertThat(agent.driver().findElements(By.cssSelector("#conversation article.live"))).as("live, not reloaded").hasSize(1);

            // A note for colleagues, then a reply: the widget shows the reply live, the note never.
            agent.driver().findElement(By.id("reply-body")).sendKeys("Checked with the courier: not for the customer.");
            agent.driver().findElement(By.id("add-note")).click();
            agent.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation"), "not for the customer"));
            agent.driver().findElement(By.id("reply-body")).sendKeys("Your parcel arrives tomorrow morning.");
            agent.driver().findElement(By.id("send-reply")).click();
            customer.await().until(d -> chatLog(d).contains("Your parcel arrives tomorrow morning."));
            assertThat(chatLog(shop)).doesNotContain("not for the customer");
            assertThat(widget(shop).findElements(By.cssSelector(".msg.agent"))).hasSize(1);
            customer.screenshot("chat-widget");

            // A reload of the shop's page continues the same conversation.
            shop.navigate().refresh();
            customer.await().until(d -> d.findElements(By.id("switchboard-chat")).size() == 1);
            widget(shop).findElement(By.cssSelector(".launcher")).click();
            customer.await().until(d -> chatLog(d).contains("Your parcel arrives tomorrow morning."));
            assertThat(chatLog(shop)).contains("Where is my parcel? " + word, "It was due on Monday.");
            assertThat(api().get("/api/v1/tickets?q=" + word, admin()).json().get("items")).as("still one ticket").hasSize(1);
        }
    }
}
