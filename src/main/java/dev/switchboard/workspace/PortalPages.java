package dev.switchboard.workspace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.switchboard.intake.Submitter;
import dev.switchboard.intake.TicketIntake;
import dev.switchboard.ticket.Ticket;
import dev.switchboard.ticket.TicketId;
import dev.switchboard.ticket.Tickets;
import dev.switchboard.web.RateLimiter;
import dev.switchboard.web.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer portal, public: a form that opens a ticket (through intake, so with its validation,
 * rate limit and duplicate merging), and a private tracking link per ticket that shows that ticket's
 * conversation (internal notes never) with a box to reply.
 */
@Controller
class PortalPages {

    private final TicketIntake intake;
    private final Tickets tickets;
    private final TicketDesk desk;
    private final TrackingLinks links;
    private final WorkspaceProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RateLimiter replies = new RateLimiter(100_000, Duration.ofMinutes(1));

    private final PageFormat format;

    PortalPages(TicketIntake intake, Tickets tickets, TicketDesk desk, TrackingLinks links, WorkspaceProperties properties,
                java.time.Clock clock) {
        this.format = new PageFormat(clock);
        this.intake = intake;
        this.tickets = tickets;
        this.desk = desk;
        this.links = links;
        this.properties = properties;
    }

    @GetMapping("/portal")
    String form() {
        return "portal/new";
    }

    @PostMapping("/portal")
    String open(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String body,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        ObjectNode item = json.createObjectNode();
        item.put("channel", "web_form");
        item.putObject("customer").put("email", email).put("name", name);
        item.put("subject", subject);
        item.put("body", body);
        model.addAttribute("name", name).addAttribute("email", email).addAttribute("subject", subject).addAttribute("body", body);
        TicketIntake.ItemResult result;
        try {
            result = intake.accept(List.of(item), Submitter.anonymous(request.getRemoteAddr()), Optional.empty()).getFirst();
        } catch (TooManyRequestsException tooMany) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
            model.addAttribute("errors", List.of("Too many requests from your address; please try again in a minute."));
            return "portal/new";
        }
        return switch (result) {
            case TicketIntake.ItemResult.Accepted accepted -> "redirect:/portal/t/" + links.tokenFor(accepted.ticket().id()) + "?new";
            // Joined an open request of the address typed in: its link is not shown, since whoever typed the
            // address need not be its owner. The owner has the link from that request.
            case TicketIntake.ItemResult.Merged merged -> {
                model.addAttribute("notice", "Thank you. Your message was added to the request you already have open with us;"
                        + " follow it with the link you got for that request.");
                model.addAttribute("subject", "").addAttribute("body", "");
                yield "portal/new";
            }
            case TicketIntake.ItemResult.Rejected rejected -> {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("errors", rejected.problems().stream()
                        .map(p -> label(p.field()) + " " + CustomerProblems.message(p)).toList());
                yield "portal/new";
            }
            case TicketIntake.ItemResult.KeyReused reused -> throw new IllegalStateException("the portal sends no idempotency key");
        };
    }

    private static String label(String field) {
        return switch (field) {
            case "customer.email" -> "Email:";
            case "customer" -> "Email:";
            case "customer.name" -> "Name:";
            case "subject" -> "Subject:";
            case "body" -> "Message:";
            default -> field + ":";
        };
    }

    @GetMapping("/portal/t/{token}")
    String ticket(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<Ticket> ticket = links.verify(token).flatMap(tickets::find);
        if (ticket.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("status", 404);
            return "error";
        }
        model.addAttribute("ticket", ticket.get());
        model.addAttribute("token", token);
        model.addAttribute("messages", tickets.conversation(ticket.get().id()).stream().filter(m -> !m.internal()).toList());
        model.addAttribute("fmt", format);
        return "portal/ticket";
    }

    @PostMapping("/portal/t/{token}/messages")
    String reply(@PathVariable String token, @RequestParam(defaultValue = "") String body, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<TicketId> id = links.verify(token);
        if (id.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("status", 404);
            return "error";
        }
        try {
            replies.consume("portal-reply:" + request.getRemoteAddr(),
                    new RateLimiter.Limit(properties.portalRepliesPerMinute(), Duration.ofMinutes(1)), 1);
            desk.customerReply(id.get(), body);
            redirect.addFlashAttribute("notice", "Your message was sent.");
        } catch (dev.switchboard.web.InvalidRequestException invalid) {
            redirect.addFlashAttribute("error", "Your " + invalid.problems().getFirst().message() + ".");
        } catch (TooManyRequestsException tooMany) {
            redirect.addFlashAttribute("error", "Too many messages from your address; please try again in a minute.");
        } catch (TicketDeskException.Forbidden closed) {
            redirect.addFlashAttribute("error", closed.getMessage());
        }
        return "redirect:/portal/t/" + token;
    }
}
