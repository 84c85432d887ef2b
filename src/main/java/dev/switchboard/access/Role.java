package dev.switchboard.access;

/** What a caller may do. Users are agents, leads or admins; API keys act as integrations. */
public enum Role {
    AGENT, LEAD, ADMIN, INTEGRATION;

    /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
