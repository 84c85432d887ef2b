package dev.switchboard.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a ticket came from. The wire name is the lower-case name, e.g. {@code web_form}. */
public enum Channel {
    EMAIL, CHAT, API, PHONE, WEB_FORM;

    private static final Map<String, Channel> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Channel::wireName, c -> c));

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<Channel> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }

    /** Email and web forms carry a subject line by nature; the other channels may omit it. */
    public boolean requiresSubject() {
        return this == EMAIL || this == WEB_FORM;
    }
}
