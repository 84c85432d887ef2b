package dev.switchboard.workspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.switchboard.access.Caller;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketQuery;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.FieldProblem;
import dev.switchboard.web.InvalidRequestException;

/**
 * A ticket list's filters as a request gives them (comma-separated values; {@code assignee=me} is
 * the caller), for the API and the web UI alike.
 */
public record TicketFilters(String status, String priority, String team, String assignee, String category,
                            String needsHumanReview, String q, String cursor, Integer limit) {

    /**
     * The query these filters ask for, one more ticket than a page (which tells whether there is a next one).
     *
     * @throws InvalidRequestException naming every filter that is not understood
     */
    TicketQuery toQuery(Caller caller, WorkspaceProperties properties) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<TicketStatus> statuses = parseAll("status", status, TicketStatus::parse, problems);
        Set<Priority> priorities = parseAll("priority", priority, Priority::parse, problems);
        Set<String> teams = parseAll("team", team, Optional::of, problems);
        Set<String> assignees = parseAll("assignee", assignee, a -> Optional.of(a.equals("me") ? caller.actor().id() : a), problems);
        Set<String> categories = parseAll("category", category, Optional::of, problems);
        Optional<Boolean> review = Optional.empty();
        if (needsHumanReview != null && !needsHumanReview.isBlank()) {
            switch (needsHumanReview.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> review = Optional.of(true);
                case "false" -> review = Optional.of(false);
                default -> problems.add(new FieldProblem("needs_human_review", "must be true or false"));
            }
        }
        Optional<String> text = Optional.ofNullable(q).map(String::strip).filter(t -> !t.isEmpty());
        if (text.isPresent() && text.get().split("\\s+").length > properties.maxSearchWords()) {
            problems.add(new FieldProblem("q", "at most " + properties.maxSearchWords() + " words"));
        }
        Optional<TicketQuery.Position> after = Optional.empty();
        if (cursor != null && !cursor.isBlank()) {
            after = Cursors.decode(cursor);
            if (after.isEmpty()) {
                problems.add(new FieldProblem("cursor", "not a cursor of this list; use nextCursor as given"));
            }
        }
        int size = pageSize(properties);
        if (size < 1 || size > properties.maxPageSize()) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + properties.maxPageSize()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new TicketQuery(Optional.empty(), statuses, priorities, teams, assignees, categories, review, text, after,
                size + 1);
    }

    int pageSize(WorkspaceProperties properties) {
        return limit == null ? properties.pageSize() : limit;
    }

    private static <T> Set<T> parseAll(String field, String values, Function<String, Optional<T>> parse,
                                       List<FieldProblem> problems) {
        if (values == null || values.isBlank()) {
            return Set.of();
        }
        Set<T> parsed = new LinkedHashSet<>();
        for (String value : values.split(",")) {
            String v = value.strip();
            if (!v.isEmpty()) {
                parse.apply(v).ifPresentOrElse(parsed::add, () -> problems.add(new FieldProblem(field, "unknown value '" + v + "'")));
            }
        }
        return parsed;
    }
}
