package dev.switchboard.support;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Classification;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.Customer;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;

/** Tickets for tests. */
public final class Tickets {

    private Tickets() {
    }

    public static TicketId newId() {
        return new TicketId(UlidCreator.getMonotonicUlid().toString());
    }

    /** A ticket of {@code customerId} that triage put in {@code category} at {@code at}. */
    public static Ticket triaged(String customerId, String category, Priority priority, String body, Instant at) {
        Ticket received = Ticket.received(newId(), Channel.CHAT, Customer.of(customerId, "", "", "", ""), "", body,
                List.of(), Map.of(), Optional.empty(), at.truncatedTo(ChronoUnit.MICROS));
        return received.triaged(new Classification(category, category, 0.9, false, "model:test", List.of()), priority);
    }

    public static Ticket ticket(String customerId, String body) {
        return Ticket.received(newId(), Channel.API, Customer.of(customerId, customerId + "@example.com", "Name", "eu", ""),
                "Subject", body, List.of(URI.create("https://files.example.com/a.png")),
                Map.of("orderValue", 700, "plan", "pro"), Optional.empty(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
