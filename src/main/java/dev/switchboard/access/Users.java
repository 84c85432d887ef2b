package dev.switchboard.access;

import java.util.Optional;

/** The people who sign in. */
public interface Users {

    long count();

    Optional<User> findByEmail(String email);

    Optional<User> find(String id);

    void create(User user);
}
