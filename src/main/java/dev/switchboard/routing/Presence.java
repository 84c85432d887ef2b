package dev.switchboard.routing;

/** Whether an agent is there: from their live connection and their own toggle. */
public enum Presence {
    ONLINE, AWAY, OFFLINE
}
