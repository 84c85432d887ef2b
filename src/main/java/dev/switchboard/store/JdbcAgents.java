package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.switchboard.access.Role;
import dev.switchboard.routing.Agent;
import dev.switchboard.routing.Agents;

/** Agents: a user row (role agent, team) and a routing profile row, written together. */
public class JdbcAgents implements Agents {

    private static final String SELECT = "SELECT u.id, u.email, u.name, u.team, a.skills, a.region, a.capacity, a.available"
            + " FROM agents a JOIN users u ON u.id = a.user_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonColumns json;

    JdbcAgents(JdbcTemplate jdbc, TransactionTemplate transactions, JsonColumns json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void create(Agent agent, String passwordHash, Instant at) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO users (id, email, name, password_hash, role, team, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    agent.id(), agent.email(), agent.name(), passwordHash, Role.AGENT.name(), agent.team(), Columns.timestamp(at));
            jdbc.update("INSERT INTO agents (user_id, skills, region, capacity, available) VALUES (?, ?, ?, ?, ?)",
                    agent.id(), json.write(new TreeSet<>(agent.skills())), agent.region(), agent.capacity(), agent.available());
        });
    }

    @Override
    public Optional<Agent> find(String id) {
        return jdbc.query(SELECT + " WHERE u.id = ?", this::agent, id).stream().findFirst();
    }

    @Override
    public List<Agent> list() {
        return jdbc.query(SELECT + " ORDER BY u.team, u.email", this::agent);
    }

    @Override
    public void update(Agent agent) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE users SET name = ?, team = ? WHERE id = ?", agent.name(), agent.team(), agent.id());
            jdbc.update("UPDATE agents SET skills = ?, region = ?, capacity = ?, available = ? WHERE user_id = ?",
                    json.write(new TreeSet<>(agent.skills())), agent.region(), agent.capacity(), agent.available(), agent.id());
        });
    }

    @Override
    public void changePassword(String id, String passwordHash) {
        jdbc.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, id);
    }

    @Override
    public boolean delete(String id) {
        Boolean deleted = transactions.execute(status -> {
            int agents = jdbc.update("DELETE FROM agents WHERE user_id = ?", id);
            if (agents == 0) {
                return false;
            }
            jdbc.update("DELETE FROM access_tokens WHERE user_id = ?", id);
            jdbc.update("DELETE FROM users WHERE id = ?", id);
            return true;
        });
        return Boolean.TRUE.equals(deleted);
    }

    private Agent agent(ResultSet rs, int row) throws SQLException {
        return new Agent(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("team"),
                new HashSet<>(json.readStrings(rs.getString("skills"))), rs.getString("region"), rs.getInt("capacity"),
                rs.getBoolean("available"));
    }
}
