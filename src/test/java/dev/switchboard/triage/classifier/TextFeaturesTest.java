package dev.switchboard.triage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.liblinear.Feature;

class TextFeaturesTest {

    private static final List<String> TEXTS = List.of("Refund my card payment", "My card was declined",
            "The site is down", "refund please");

    private static double norm(Feature[] features, int from, int to) {
        return Math.sqrt(Arrays.stream(features, from, to).mapToDouble(f -> f.getValue() * f.getValue()).sum());
    }

    @Test
    void wordsAndBigramsAreLowerCasedUnitVectorsInAscendingIndexOrder() {
        TextFeatures features = TextFeatures.fit(TEXTS, TextFeatures.Kind.WORDS, 1, 1000);

        Feature[] x = features.vectorize("REFUND my Card");

        assertThat(x).isSortedAccordingTo((a, b) -> Integer.compare(a.getIndex(), b.getIndex()));
        assertThat(x).hasSize(5); // refund, my, card, "refund my", "my card"
        assertThat(norm(x, 0, x.length)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void unknownWordsAreIgnoredAndAnEmptyTextHasNoFeatures() {
        TextFeatures features = TextFeatures.fit(TEXTS, TextFeatures.Kind.WORDS, 1, 1000);

        assertThat(features.vectorize("zebra xylophone")).isEmpty();
        assertThat(features.vectorize("")).isEmpty();
    }

    @Test
    void rarerTermsWeighMore() {
        TextFeatures features = TextFeatures.fit(TEXTS, TextFeatures.Kind.WORDS, 1, 1000);

        Feature[] x = features.vectorize("card site");

        // "card" is in two texts, "site" in one: site gets the higher IDF.
        assertThat(x[0].getValue()).isNotEqualTo(x[1].getValue());
        assertThat(Math.max(x[0].getValue(), x[1].getValue())).isGreaterThan(Math.min(x[0].getValue(), x[1].getValue()));
    }

    @Test
    void characterNGramsCarryTyposAndAreNormalisedAsTheirOwnBlock() {
        TextFeatures features = TextFeatures.fit(TEXTS, TextFeatures.Kind.WORDS_AND_CHARS, 1, 1000);

        Feature[] typo = features.vectorize("refnd");

        assertThat(typo).isNotEmpty(); // "ref" survives the typo
        Feature[] both = features.vectorize("refund card");
        int words = (int) Arrays.stream(both).filter(f -> f.getIndex() <= features.size() - charCount(features)).count();
        assertThat(norm(both, 0, words)).isCloseTo(1.0, within(1e-9));
        assertThat(norm(both, words, both.length)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void termsSeenInTooFewTextsAreLeftOut() {
        TextFeatures features = TextFeatures.fit(TEXTS, TextFeatures.Kind.WORDS, 2, 1000);

        assertThat(features.vectorize("declined")).isEmpty();
        assertThat(features.vectorize("card")).hasSize(1);
    }

    private static int charCount(TextFeatures features) {
        int[] count = {0};
        features.forEachTerm((block, term, index, idf) -> count[0] += block.equals("c") ? 1 : 0);
        return count[0];
    }
}
