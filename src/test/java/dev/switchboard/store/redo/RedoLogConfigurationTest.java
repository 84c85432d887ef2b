package dev.switchboard.store.redo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RedoLogConfigurationTest {

    @Test
    void theUrlsWriteDelayIsReplacedWhereverItStandsAndAddedWhereItIsMissing() {
        assertThat(RedoLogConfiguration.withWriteDelay("jdbc:h2:file:/data/switchboard;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", 2000))
                .isEqualTo("jdbc:h2:file:/data/switchboard;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=2000");
        assertThat(RedoLogConfiguration.withWriteDelay("jdbc:h2:file:/data/switchboard;CACHE_SIZE=16384;write_delay = 500", 2000))
                .isEqualTo("jdbc:h2:file:/data/switchboard;CACHE_SIZE=16384;WRITE_DELAY=2000");
        assertThat(RedoLogConfiguration.withWriteDelay("jdbc:h2:file:/data/switchboard", 2000))
                .isEqualTo("jdbc:h2:file:/data/switchboard;WRITE_DELAY=2000");
    }

    @Test
    void theLogLivesBesideTheDatabaseFile() {
        assertThat(RedoLogConfiguration.folderOf("jdbc:h2:file:/data/switchboard;WRITE_DELAY=0"))
                .isEqualTo(Path.of("/data/switchboard.redo"));
    }
}
