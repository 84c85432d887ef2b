import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one routing change costs H2 (the embedded default, WRITE_DELAY=0), with the routing state in
 * the wide tickets row (schema before V12) against the narrow ticket_states row (V12): 50,000 tickets,
 * then commits of BATCH changes to random tickets among the newest 5,000, each an UPDATE and an event,
 * as routing stores them. Prints microseconds per change, the median of five rounds of 20,000 changes.
 * Run by scripts/bench/h2-update-cost.sh.
 */
public class H2UpdateCost {

    public static void main(String[] args) throws Exception {
        String folder = args[0];
        String layout = args[1];
        int batch = Integer.parseInt(args[2]);
        boolean wide = layout.equals("wide");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder + "/x;WRITE_DELAY=0", "sa", "")) {
            create(c, wide);
            List<String> ids = fill(c, 50_000);
            String update = wide
                    ? "UPDATE tickets SET status = 'ASSIGNED', assignee = ?, version = version + 1, updated_at = ?"
                    + " WHERE id = ? AND status NOT IN ('RESOLVED', 'CLOSED')"
                    : "UPDATE ticket_states SET status = 'ASSIGNED', assignee = ?, version = version + 1, updated_at = ?"
                    + " WHERE ticket_id = ? AND status NOT IN ('RESOLVED', 'CLOSED')";
            PreparedStatement up = c.prepareStatement(update);
            PreparedStatement event = c.prepareStatement(
                    "INSERT INTO ticket_events (ticket_id, type, actor, detail, occurred_at) VALUES (?, 'assigned', 'system', ?, ?)");
            String detail = "{\"agent\":\"01KAGENT0000000000000000AB\",\"candidates\":\"[{\\\"agentId\\\":"
                    + "\\\"01KAGENT0000000000000000AB\\\",\\\"skill\\\":1.0,\\\"region\\\":1.0,\\\"idleness\\\":0.5,"
                    + "\\\"score\\\":0.9,\\\"load\\\":3,\\\"passedOver\\\":\\\"\\\"}]\"}";
            Random random = new Random(7);
            List<Double> rounds = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                long start = System.nanoTime();
                int changes = 0;
                while (changes < 20_000) {
                    for (int k = 0; k < batch; k++) {
                        String id = ids.get(ids.size() - 1 - random.nextInt(5_000));
                        Timestamp now = new Timestamp(System.currentTimeMillis());
                        up.setString(1, "01KAGENT0000000000000000AB");
                        up.setTimestamp(2, now);
                        up.setString(3, id);
                        up.addBatch();
                        event.setString(1, id);
                        event.setString(2, detail);
                        event.setTimestamp(3, now);
                        event.addBatch();
                    }
                    up.executeBatch();
                    event.executeBatch();
                    c.commit();
                    changes += batch;
                }
                if (round >= 3) { // the first rounds warm the JIT
                    rounds.add((System.nanoTime() - start) / 1e3 / changes);
                }
            }
            rounds.sort(Double::compare);
            System.out.printf("%s, %d changes per commit: %.1f us per change (median of %d rounds)%n", layout, batch,
                    rounds.get(rounds.size() / 2), rounds.size());
        }
    }

    /** The tickets table with its indexes as of V11, and the narrow state table of V12 beside it. */
    private static void create(Connection c, boolean wide) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tickets (id CHAR(26) PRIMARY KEY, customer_id VARCHAR(200) NOT NULL, channel VARCHAR(16),"
                    + " subject VARCHAR(1000), body VARCHAR(1000000), attachments VARCHAR(100000), metadata VARCHAR(1000000),"
                    + " priority VARCHAR(2), status VARCHAR(16), version BIGINT, created_at TIMESTAMP WITH TIME ZONE,"
                    + " updated_at TIMESTAMP WITH TIME ZONE, category VARCHAR(100), team VARCHAR(100), confidence DOUBLE PRECISION,"
                    + " needs_human_review BOOLEAN, decided_by VARCHAR(300), tags VARCHAR(4000), assignee CHAR(26),"
                    + " model_version VARCHAR(100), misrouted BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " first_response_at TIMESTAMP WITH TIME ZONE, first_response_breached BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " resolution_breached BOOLEAN DEFAULT FALSE NOT NULL)");
            s.execute("CREATE INDEX tickets_customer ON tickets (customer_id, created_at)");
            if (wide) {
                s.execute("CREATE INDEX tickets_routing ON tickets (status, assignee)");
            }
            s.execute("CREATE INDEX tickets_team_order ON tickets (team, priority, created_at, id)");
            s.execute("CREATE INDEX tickets_order ON tickets (priority, created_at, id)");
            s.execute("CREATE INDEX tickets_model ON tickets (model_version, created_at)");
            s.execute("CREATE TABLE ticket_states (ticket_id CHAR(26) PRIMARY KEY, status VARCHAR(16) NOT NULL, assignee CHAR(26),"
                    + " version BIGINT NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("CREATE INDEX ticket_states_routing ON ticket_states (status, assignee)");
            s.execute("CREATE TABLE ticket_events (id BIGINT GENERATED BY DEFAULT AS IDENTITY (CACHE 10000) PRIMARY KEY,"
                    + " ticket_id CHAR(26) NOT NULL, type VARCHAR(64), actor VARCHAR(240), detail VARCHAR(100000),"
                    + " occurred_at TIMESTAMP WITH TIME ZONE)");
            s.execute("CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id)");
        }
    }

    private static List<String> fill(Connection c, int n) throws Exception {
        c.setAutoCommit(false);
        PreparedStatement ticket = c.prepareStatement("INSERT INTO tickets (id, customer_id, channel, subject, body, attachments,"
                + " metadata, priority, status, version, created_at, updated_at, category, team, confidence, needs_human_review,"
                + " decided_by, tags, model_version) VALUES (?, ?, 'API', 'Cannot log in',"
                + " 'the product is down since this morning and nobody in our office can log in, please help', '[]',"
                + " '{\"source\":\"bench\"}', 'P2', 'QUEUED', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'outage', 'team-5', 0.93,"
                + " FALSE, 'rule:outage-words@v3', '[\"urgent\"]', 'rules')");
        PreparedStatement state = c.prepareStatement("INSERT INTO ticket_states VALUES (?, 'QUEUED', NULL, 1, CURRENT_TIMESTAMP)");
        Random random = new Random(1);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = String.format("01K%023d", i);
            ids.add(id);
            ticket.setString(1, id);
            ticket.setString(2, "customer-" + random.nextInt(1_000_000));
            ticket.addBatch();
            state.setString(1, id);
            state.addBatch();
            if (i % 100 == 99) {
                ticket.executeBatch();
                state.executeBatch();
                c.commit();
            }
        }
        c.commit();
        return ids;
    }
}
