package dev.switchboard.routing;

/** A team was created, changed or deleted on this node: whoever maps categories to teams reloads. */
public record TeamsChanged() {
}
