package dev.switchboard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Time values as both H2 and PostgreSQL drivers take and give them for TIMESTAMP WITH TIME ZONE. */
final class Columns {

    private Columns() {
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The model version in a decider's name ({@code model:<version>}); null for rules and people. */
    static String modelVersion(String decidedBy) {
        return decidedBy.startsWith("model:") ? decidedBy.substring("model:".length()) : null;
    }
}
