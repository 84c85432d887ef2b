package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.switchboard.support.AppTest;

/** A server started with {@code switchboard.triage.rules-file} starts from that file's rules. */
class RulesFileTest extends AppTest {

    @DynamicPropertySource
    static void rulesFile(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createTempFile("rules", ".yml");
        Files.writeString(file, """
                rules:
                  - name: only-rule
                    when: { text-contains: [invoice] }
                    then: { category: billing }
                """);
        registry.add("switchboard.triage.rules-file", file::toString);
    }

    @Test
    void theFilesRulesAreInForce() {
        var rules = api().get("/api/v1/triage/rules", admin()).json();
        assertThat(rules.get("rules").asInt()).isEqualTo(1);
        assertThat(rules.get("yaml").asString()).contains("only-rule");
        assertThat(api().post("/api/v1/tickets", """
                {"channel":"api","customer":{"id":"c-1"},"body":"where is my invoice"}""").json().get("category").asString())
                .isEqualTo("billing");
    }
}
