package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.access.Role;
import dev.switchboard.access.User;
import dev.switchboard.access.Users;

/** Users in a relational database. */
public class JdbcUsers implements Users {

    static final String COLUMNS = "u.id, u.email, u.name, u.password_hash, u.role, u.team, u.created_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    JdbcUsers(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
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

    @Override
    public List<User> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM users u ORDER BY u.email", JdbcUsers::user);
    }

    /** Leads and admins only: an agent goes with their routing profile ({@code JdbcAgents#delete}). */
    @Override
    public boolean delete(String id) {
        Boolean deleted = transactions.execute(status -> {
            jdbc.update("DELETE FROM access_tokens WHERE user_id = ? AND user_id IN (SELECT id FROM users WHERE role <> 'AGENT')", id);
            return jdbc.update("DELETE FROM users WHERE id = ? AND role <> 'AGENT'", id) > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getString("team"), Columns.instant(rs, "created_at"));
    }
}
