package dev.switchboard.store;

import org.junit.jupiter.api.Nested;

/** The store's contract on H2, the embedded default. */
class H2StoreTest {

    @Nested
    class IntakeJournal extends IntakeJournalContract {
        @Override
        Database database() {
            return Database.H2;
        }
    }

    @Nested
    class TicketStates extends TicketStateContract {
        @Override
        Database database() {
            return Database.H2;
        }
    }

    @Nested
    class Access extends AccessContract {
        @Override
        Database database() {
            return Database.H2;
        }
    }

    @Nested
    class Learning extends LearningContract {
        @Override
        Database database() {
            return Database.H2;
        }
    }

    @Nested
    class Notifications extends NotificationContract {
        @Override
        Database database() {
            return Database.H2;
        }
    }

    @Nested
    class Settings extends SettingsContract {
        @Override
        Database database() {
            return Database.H2;
        }
    }
}
