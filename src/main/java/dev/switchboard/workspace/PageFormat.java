package dev.switchboard.workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as pages show them: in UTC, and how long ago. */
public final class PageFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    PageFormat(Clock clock) {
        this.clock = clock;
    }

    public String when(Instant at) {
        return WHEN.format(at);
    }

    public String ago(Instant at) {
        Duration d = Duration.between(at, clock.instant());
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s ago";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min ago";
        }
        return d.toDays() + " days ago";
    }
}
