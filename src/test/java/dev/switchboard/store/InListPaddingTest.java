package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** An IN list's slices come in eight lengths, so that each length's statement text is parsed once and kept. */
class InListPaddingTest {

    @Test
    void aSliceIsPaddedToAPowerOfTwoWithItsLastValue() {
        assertThat(JdbcTickets.padded(List.of("a"))).containsExactly("a");
        assertThat(JdbcTickets.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(JdbcTickets.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(JdbcTickets.padded(List.of("a", "b", "c", "d", "e"))).containsExactly("a", "b", "c", "d", "e", "e", "e", "e");
    }

    @Test
    void everyLengthUpToASliceIsOneOfEight() {
        assertThat(IntStream.rangeClosed(1, 128)
                .map(n -> JdbcTickets.padded(IntStream.range(0, n).mapToObj(Integer::toString).toList()).size()).distinct().boxed())
                .containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
    }
}
