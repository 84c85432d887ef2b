package dev.switchboard.store.redo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RedoLogConfigurationTest {

    @Test
    void h2IsToldNotToWriteItsFileOnItsOwnWhateverTheUrlSaid() {
        assertThat(RedoLogConfiguration.urlForTheLog("jdbc:h2:file:/data/switchboard;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:/data/switchboard;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=2147483647;AUTO_COMPACT_FILL_RATE=0");
        assertThat(RedoLogConfiguration.urlForTheLog("jdbc:h2:file:/data/switchboard;auto_compact_fill_rate=90;write_delay = 500"))
                .isEqualTo("jdbc:h2:file:/data/switchboard;WRITE_DELAY=2147483647;AUTO_COMPACT_FILL_RATE=0");
        assertThat(RedoLogConfiguration.urlForTheLog("jdbc:h2:file:/data/switchboard"))
                .isEqualTo("jdbc:h2:file:/data/switchboard;WRITE_DELAY=2147483647;AUTO_COMPACT_FILL_RATE=0");
    }

    @Test
    void theLogLivesBesideTheDatabaseFile() {
        assertThat(RedoLogConfiguration.folderOf("jdbc:h2:file:/data/switchboard;WRITE_DELAY=0"))
                .isEqualTo(Path.of("/data/switchboard.redo"));
    }

    @Test
    void theCompactionFillRateIsAPercentageAndZeroTurnsItOff() {
        assertThat(new RedoLogProperties(true, java.time.Duration.ofSeconds(1), 0).compactFillRate()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RedoLogProperties(true, java.time.Duration.ofSeconds(1), 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact-fill-rate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RedoLogProperties(true, java.time.Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compact-fill-rate");
    }
}
