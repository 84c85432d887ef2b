package dev.switchboard.channels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.f4b6a3.ulid.UlidCreator;

import dev.switchboard.ticket.TicketEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which ticket events are announced, under which names, to whom: the outbox's mapping, applied in the
 * transaction that writes the events ({@link #deliveries}).
 */
public final class WebhookEvents {

    public static final String CREATED = "ticket.created";
    public static final String ASSIGNED = "ticket.assigned";
    public static final String REPLIED = "ticket.replied";
    public static final String RESOLVED = "ticket.resolved";
    public static final String SLA_BREACHED = "ticket.sla_breached";
    public static final Set<String> TYPES = Set.of(CREATED, ASSIGNED, REPLIED, RESOLVED, SLA_BREACHED);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookEvents() {
    }

    /** The webhook type a ticket event is announced as; empty for events not announced. */
    public static Optional<String> typeOf(TicketEvent event) {
        return Optional.ofNullable(switch (event.type()) {
            case TicketEvent.TRIAGED -> CREATED; // created once triaged: the payload says its category, team and priority
            case TicketEvent.ASSIGNED, TicketEvent.REASSIGNED -> ASSIGNED;
            case TicketEvent.REPLIED -> event.actor().kind() == dev.switchboard.ticket.Actor.Kind.USER ? REPLIED : null;
            case TicketEvent.RESOLVED_EVENT -> RESOLVED;
            case TicketEvent.STATUS_CHANGED -> "resolved".equals(event.detail().get("to")) ? RESOLVED : null;
            case TicketEvent.SLA_BREACHED -> SLA_BREACHED;
            default -> null;
        });
    }

    /** The deliveries a batch of ticket events makes for these subscriptions. */
    public static List<WebhookDelivery> deliveries(List<TicketEvent> events, List<WebhookSubscription> subscriptions, Instant now) {
        if (subscriptions.isEmpty()) {
            return List.of();
        }
        List<WebhookDelivery> out = new ArrayList<>();
        for (TicketEvent event : events) {
            Optional<String> type = typeOf(event);
            for (WebhookSubscription s : subscriptions) {
                if (s.format().equals(MailOut.FORMAT)) { // mail answers events of its own choosing
                    MailOut.delivery(event, s, now).ifPresent(out::add);
                    continue;
                }
                if (type.isEmpty() || !s.wants(type.get()) || s.format().equals("slack") && !slackWorthy(type.get(), event)) {
                    continue;
                }
                String id = UlidCreator.getMonotonicUlid().toString();
                String payload = s.format().equals("slack") ? slack(type.get(), event) : json(id, type.get(), event);
                out.add(new WebhookDelivery(id, s.id(), type.get(), payload, WebhookDelivery.PENDING, 0, now, Optional.empty(), now));
            }
        }
        return out;
    }

    /** Slack gets what a team must act on now: P1 tickets and SLA breaches. */
    private static boolean slackWorthy(String type, TicketEvent event) {
        return type.equals(SLA_BREACHED) || type.equals(CREATED) && "P1".equals(event.detail().get("priority"));
    }

    private static String json(String deliveryId, String type, TicketEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deliveryId);
        body.put("type", type);
        body.put("occurredAt", event.at().toString());
        body.put("ticketId", event.ticketId().value());
        body.put("actor", event.actor().toString());
        body.put("detail", event.detail());
        return JSON.writeValueAsString(body);
    }

    private static String slack(String type, TicketEvent event) {
        String text = type.equals(SLA_BREACHED)
                ? ":rotating_light: SLA breached (" + event.detail().getOrDefault("target", "") + ") on ticket " + event.ticketId().value()
                + ", " + event.detail().getOrDefault("priority", "") + ", team " + event.detail().getOrDefault("team", "")
                : ":fire: New P1 ticket " + event.ticketId().value() + ": " + event.detail().getOrDefault("category", "")
                + " for team " + event.detail().getOrDefault("team", "");
        return JSON.writeValueAsString(Map.of("text", text));
    }
}
