package dev.switchboard.triage.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Ticket;

/** One test a rule makes of a ticket. A rule matches when all of its conditions hold. */
public sealed interface Condition {

    boolean test(Ticket ticket);

    /** Which text a text condition reads: the subject, the body, or both. */
    enum TextField {
        SUBJECT, BODY, TEXT;

        String of(Ticket ticket) {
            return switch (this) {
                case SUBJECT -> ticket.subject();
                case BODY -> ticket.body();
                case TEXT -> ticket.text();
            };
        }
    }

    /** The ticket came in on one of these channels. */
    record ChannelIn(Set<Channel> channels) implements Condition {
        public ChannelIn {
            channels = Set.copyOf(channels);
        }

        @Override
        public boolean test(Ticket ticket) {
            return channels.contains(ticket.channel());
        }
    }

    /** The text contains any of these words or phrases, ignoring case. */
    record TextContains(TextField field, List<String> phrases) implements Condition {
        public TextContains {
            Objects.requireNonNull(field, "field");
            phrases = phrases.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public boolean test(Ticket ticket) {
            String text = field.of(ticket).toLowerCase(Locale.ROOT);
            return phrases.stream().anyMatch(text::contains);
        }
    }

    /** The text matches a regular expression somewhere (case-insensitive unless the pattern says otherwise). */
    record TextMatches(TextField field, Pattern pattern) implements Condition {
        @Override
        public boolean test(Ticket ticket) {
            return pattern.matcher(field.of(ticket)).find();
        }
    }

    /** A metadata value compared with a constant: {@code orderValue > 500}, {@code plan in [pro, team]}. */
    record MetadataCompares(String key, Comparison comparison, List<Object> values) implements Condition {
        public MetadataCompares {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(comparison, "comparison");
            values = List.copyOf(values);
        }

        @Override
        public boolean test(Ticket ticket) {
            Object actual = ticket.metadata().get(key);
            return actual != null && comparison.holds(actual, values);
        }
    }

    /** Which customer detail a {@link CustomerIn} condition reads. */
    enum CustomerField {
        TIER, REGION;

        String of(Ticket ticket) {
            return switch (this) {
                case TIER -> ticket.customer().tier();
                case REGION -> ticket.customer().region();
            };
        }
    }

    /** The customer's tier or region is one of these (ignoring case). */
    record CustomerIn(CustomerField field, Set<String> values) implements Condition {
        public CustomerIn {
            Objects.requireNonNull(field, "field");
            values = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean test(Ticket ticket) {
            return values.contains(field.of(ticket).toLowerCase(Locale.ROOT));
        }
    }

    /** How a metadata value is compared. Numbers compare as numbers (also when sent as numeric strings). */
    enum Comparison {
        EQUALS("="), NOT_EQUALS("!="), GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<="), IN("in");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static java.util.Optional<Comparison> of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equalsIgnoreCase(symbol.strip())) {
                    return java.util.Optional.of(c);
                }
            }
            return java.util.Optional.empty();
        }

        public boolean isOrdering() {
            return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
        }

        boolean holds(Object actual, List<Object> values) {
            return switch (this) {
                case EQUALS -> same(actual, values.getFirst());
                case NOT_EQUALS -> !same(actual, values.getFirst());
                case IN -> values.stream().anyMatch(v -> same(actual, v));
                case GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> {
                    BigDecimal a = number(actual);
                    BigDecimal b = number(values.getFirst());
                    if (a == null || b == null) {
                        yield false;
                    }
                    int order = a.compareTo(b);
                    yield switch (this) {
                        case GREATER -> order > 0;
                        case GREATER_OR_EQUAL -> order >= 0;
                        case LESS -> order < 0;
                        default -> order <= 0;
                    };
                }
            };
        }

        private static boolean same(Object actual, Object expected) {
            BigDecimal a = number(actual);
            BigDecimal b = number(expected);
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
            return String.valueOf(actual).equalsIgnoreCase(String.valueOf(expected));
        }

        static BigDecimal number(Object value) {
            if (value instanceof Number || value instanceof String) {
                try {
                    return new BigDecimal(value.toString().strip());
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
            return null;
        }
    }
}
