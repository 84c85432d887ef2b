package dev.switchboard.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in: agent, lead or admin.
 *
 * @param email        lower case; unique
 * @param passwordHash in Spring Security's delegating format, e.g. {@code {bcrypt}$2a$...}
 * @param team         empty for users outside any team (admins)
 */
public record User(String id, String email, String name, String passwordHash, Role role, String team, Instant createdAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
