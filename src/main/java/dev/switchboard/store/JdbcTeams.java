package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.switchboard.routing.Team;
import dev.switchboard.routing.Teams;

/** Teams in a relational database. */
public class JdbcTeams implements Teams {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    JdbcTeams(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean create(Team team) {
        try {
            jdbc.update("INSERT INTO teams (name, categories, created_at) VALUES (?, ?, ?)", team.name(),
                    json.write(new TreeSet<>(team.categories())), Columns.timestamp(Instant.now()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<Team> find(String name) {
        return jdbc.query("SELECT name, categories FROM teams WHERE name = ?", this::team, name).stream().findFirst();
    }

    @Override
    public List<Team> list() {
        return jdbc.query("SELECT name, categories FROM teams ORDER BY name", this::team);
    }

    @Override
    public void update(Team team) {
        jdbc.update("UPDATE teams SET categories = ? WHERE name = ?", json.write(new TreeSet<>(team.categories())), team.name());
    }

    @Override
    public boolean delete(String name) {
        return jdbc.update("DELETE FROM teams WHERE name = ?", name) == 1;
    }

    @Override
    public int agentCount(String name) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM agents a JOIN users u ON u.id = a.user_id WHERE u.team = ?",
                Integer.class, name);
        return count == null ? 0 : count;
    }

    private Team team(ResultSet rs, int row) throws SQLException {
        return new Team(rs.getString("name"), new java.util.HashSet<>(json.readStrings(rs.getString("categories"))));
    }
}
