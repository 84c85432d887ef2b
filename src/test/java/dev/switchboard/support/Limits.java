package dev.switchboard.support;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import dev.switchboard.intake.IntakeProperties;

/** The intake's default limits, as the application binds them. */
public final class Limits {

    private Limits() {
    }

    public static IntakeProperties defaults() {
        return new IntakeProperties(200, 50_000, 20, 2048, DataSize.ofKilobytes(16), DataSize.ofKilobytes(512), 1000,
                DataSize.ofMegabytes(32), 20_000, 256, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofHours(24));
    }
}
