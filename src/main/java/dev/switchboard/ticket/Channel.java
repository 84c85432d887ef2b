package dev.switchboard.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a ticket came from. The wire name is the lower-case name, e.g. {@code web_form}. */
public enum Channel {
    EMAIL, CHAT, API, PHONE, WEB_FORM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(name)).findFirst();
    }

    /** Email and web forms carry a subject line by nature; the other channels may omit it. */
    public boolean requiresSubject() {
        return this == EMAIL || this == WEB_FORM;
    }
}
