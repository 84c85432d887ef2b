package dev.switchboard.store;

import org.junit.jupiter.api.Nested;

/** The store's contract on a real PostgreSQL (required in CI; see {@link dev.switchboard.support.TestDatabases}). */
class PostgresStoreTest {

    @Nested
    class IntakeJournal extends IntakeJournalContract {
        @Override
        Database database() {
            return Database.POSTGRESQL;
        }
    }

    @Nested
    class TicketStates extends TicketStateContract {
        @Override
        Database database() {
            return Database.POSTGRESQL;
        }
    }

    @Nested
    class Access extends AccessContract {
        @Override
        Database database() {
            return Database.POSTGRESQL;
        }
    }

    @Nested
    class Learning extends LearningContract {
        @Override
        Database database() {
            return Database.POSTGRESQL;
        }
    }

    @Nested
    class Notifications extends NotificationContract {
        @Override
        Database database() {
            return Database.POSTGRESQL;
        }
    }

    @Nested
    class Settings extends SettingsContract {
        @Override
        Database database() {
            return Database.POSTGRESQL;
        }
    }
}
