package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled tone model on sentences it was not trained on. */
class ToneDetectorTest {

    private static ToneDetector tone;

    @BeforeAll
    static void train() {
        tone = ToneDetector.bundled(Clock.systemUTC(), 0.8);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            This is unacceptable, the checkout is broken and we are losing money   | NEGATIVE
            URGENT: our dashboard stopped working, fix it immediately              | NEGATIVE
            I am furious, third time the export failed                              | NEGATIVE
            Thanks a lot, the new release works perfectly now                       | POSITIVE
            No rush at all, just a small question whenever you have time            | POSITIVE
            How do I change the billing address on my account                       | NEUTRAL
            Please send me the details of my order                                  | NEUTRAL
            """)
    void clearWordingIsReadAndOrdinaryWordingIsNeutral(String text, Tone expected) {
        assertThat(tone.toneOf(text)).isEqualTo(expected);
    }
}
