package dev.switchboard.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import dev.switchboard.triage.rules.RuleSet;
import dev.switchboard.triage.rules.RuleSetParser;

/**
 * The rule set in force. At start: the newest one an admin stored, else the configured file, else the
 * bundled defaults; a bad file stops the start (fail loudly). An admin's new set is validated whole
 * before it replaces the old one, which stays in force when the new one is refused. Other nodes pick
 * up a stored set within {@code switchboard.triage.rules-refresh}.
 */
public class RuleBook implements Supplier<RuleSet> {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    private static final String BUNDLED = "/triage/rules.yml";

    /** The set in force with its source text and version (0 for a file). */
    public record Current(RuleSet rules, String yaml, long version, String source) {
    }

    private final RuleSets stored;
    private final Clock clock;
    private volatile Current current;

    public RuleBook(RuleSets stored, Optional<Path> file, Clock clock) {
        this.stored = stored;
        this.clock = clock;
        this.current = stored.latest()
                .map(s -> new Current(RuleSetParser.parse(s.yaml()), s.yaml(), s.version(), "stored by " + s.createdBy()))
                .orElseGet(() -> fromFile(file));
        log.info("triage rules: {} rules from {}", current.rules().rules().size(), current.source());
    }

    @Override
    public RuleSet get() {
        return current.rules();
    }

    public Current current() {
        return current;
    }

    /** Validates and stores a new rule set, then puts it in force; an invalid one changes nothing. */
    public Current replace(String yaml, String by) {
        RuleSet rules = RuleSetParser.parse(yaml);
        RuleSets.Stored saved = stored.save(yaml, by, clock.instant());
        current = new Current(rules, yaml, saved.version(), "stored by " + by);
        return current;
    }

    /** Takes up a rule set another node stored. */
    @Scheduled(fixedDelayString = "${switchboard.triage.rules-refresh:10s}", initialDelayString = "${switchboard.triage.rules-refresh:10s}")
    public void refresh() {
        stored.latest().filter(s -> s.version() > current.version()).ifPresent(s -> {
            current = new Current(RuleSetParser.parse(s.yaml()), s.yaml(), s.version(), "stored by " + s.createdBy());
            log.info("triage rules: took up version {} ({} rules)", s.version(), current.rules().rules().size());
        });
    }

    private static Current fromFile(Optional<Path> file) {
        try {
            if (file.isPresent()) {
                String yaml = Files.readString(file.get(), StandardCharsets.UTF_8);
                return new Current(RuleSetParser.parse(yaml), yaml, 0, file.get().toString());
            }
            try (InputStream in = RuleBook.class.getResourceAsStream(BUNDLED)) {
                String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Current(RuleSetParser.parse(yaml), yaml, 0, "the bundled defaults");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the triage rules " + file.map(Path::toString).orElse(BUNDLED), e);
        }
    }
}
