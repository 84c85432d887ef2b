package dev.switchboard.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin, created on the first start when there are no users
 * ({@code SWITCHBOARD_ADMIN_EMAIL}, {@code SWITCHBOARD_ADMIN_PASSWORD}).
 *
 * @param password empty: a random one is generated and written to {@code <data-dir>/initial-admin-password}
 */
@ConfigurationProperties("switchboard.admin")
public record AdminProperties(@DefaultValue("admin@localhost") String email, @DefaultValue("") String password) {

    @Override
    public String toString() {
        return dev.switchboard.web.Redacted.toString(this, "password");
    }
}
