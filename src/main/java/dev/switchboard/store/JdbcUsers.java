package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.access.Role;
import dev.switchboard.access.User;
import dev.switchboard.access.Users;

/** Users in a relational database. */
public class JdbcUsers implements Users {

    static final String COLUMNS = "u.id, u.email, u.name, u.password_hash, u.role, u.team, u.created_at";

    private final JdbcTemplate jdbc;

    JdbcUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count(Role role) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE role = ?", Long.class, role.name());
        return count == null ? 0 : count;
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return jdbc.query("SELECT " + COLUMNS + " FROM users u WHERE u.email = ?", JdbcUsers::user, email).stream().findFirst();
    }

    @Override
    public Optional<User> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?", JdbcUsers::user, id).stream().findFirst();
    }

    @Override
    public void create(User user) {
        jdbc.update("INSERT INTO users (id, email, name, password_hash, role, team, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                user.id(), user.email(), user.name(), user.passwordHash(), user.role().name(), user.team(),
                Columns.timestamp(user.createdAt()));
    }

    static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getString("team"), Columns.instant(rs, "created_at"));
    }
}
