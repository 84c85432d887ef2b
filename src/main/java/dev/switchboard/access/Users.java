package dev.switchboard.access;

import java.util.List;
import java.util.Optional;

/** The people who sign in. */
public interface Users {

    /** How many users have this role. */
    long count(Role role);

    Optional<User> findByEmail(String email);

    Optional<User> find(String id);

    void create(User user);

    /** Every user, by email. */
    List<User> list();

    /** Deletes a lead or admin and their sign-in tokens; false when there is no such user (agents go with their profile). */
    boolean delete(String id);
}
