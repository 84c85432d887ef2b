package dev.switchboard.access;

import java.util.Optional;

/** The people who sign in. */
public interface Users {

    /** How many users have this role. */
    long count(Role role);

    Optional<User> findByEmail(String email);

    Optional<User> find(String id);

    void create(User user);
}
