package dev.switchboard.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A person signed in to the web UI with a session cookie: who they are, as the API's {@link Caller} too. */
public final class SignedInUser implements UserDetails {

    private final User user;

    SignedInUser(User user) {
        this.user = user;
    }

    public User user() {
        return user;
    }

    /** The same caller a bearer token of this user would be; the session's own expiry bounds it. */
    public Caller caller() {
        return Caller.of(user, Instant.MAX);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(user.role().authority()));
    }

    @Override
    public String getPassword() {
        return user.passwordHash();
    }

    @Override
    public String getUsername() {
        return user.email();
    }
}
