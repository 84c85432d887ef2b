package dev.switchboard.triage.classifier;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A stratified split: each label contributes the same fraction of its items to the held-out part,
 * chosen by a seeded shuffle, so the split is the same on every machine for the same file and seed.
 * A label with a single item stays in the training part. Both parts keep the input's order.
 */
public record Split<T>(List<T> train, List<T> heldOut) {

    public static <T> Split<T> stratified(List<T> items, Function<T, String> labelOf, double heldOutFraction, long seed) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be between 0 and 1, not " + heldOutFraction);
        }
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            byLabel.computeIfAbsent(labelOf.apply(items.get(i)), l -> new ArrayList<>()).add(i);
        }
        BitSet heldOut = new BitSet(items.size());
        byLabel.forEach((label, indices) -> {
            Collections.shuffle(indices, new Random(seed * 31 + label.hashCode()));
            int take = Math.min((int) Math.round(indices.size() * heldOutFraction), indices.size() - 1);
            indices.subList(0, take).forEach(heldOut::set);
        });
        List<T> train = new ArrayList<>();
        List<T> held = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            (heldOut.get(i) ? held : train).add(items.get(i));
        }
        return new Split<>(List.copyOf(train), List.copyOf(held));
    }

    /** The usual case: labeled texts split by their label. */
    public static Split<LabeledText> stratified(List<LabeledText> examples, double heldOutFraction, long seed) {
        return stratified(examples, LabeledText::label, heldOutFraction, seed);
    }
}
