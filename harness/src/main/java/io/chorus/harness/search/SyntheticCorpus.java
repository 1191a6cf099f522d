package io.chorus.harness.search;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Chat-like text for load: a vocabulary of pronounceable made-up words whose use follows Zipf's law (a few words are
 * everywhere, most are rare), 6 to 20 words a message. Deterministic for a seed.
 */
public final class SyntheticCorpus {
    private static final String[] ONSETS = {
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl", "gr", "sh"
    };
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};

    private final String[] words;
    private final double[] cumulative;

    public SyntheticCorpus(int vocabulary, long seed) {
        Random random = new Random(seed);
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
        while (distinct.size() < vocabulary) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                word.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
            }
            distinct.add(word.toString());
        }
        words = distinct.toArray(String[]::new);
        cumulative = new double[vocabulary];
        double sum = 0;
        for (int rank = 0; rank < vocabulary; rank++) {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < vocabulary; rank++) {
            cumulative[rank] /= sum;
        }
    }

    /** The word of this frequency rank (0 is the most common). */
    public String word(int rank) {
        return words[rank];
    }

    public String message(SplittableRandom random) {
        int length = 6 + random.nextInt(15);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(words[zipfRank(random.nextDouble())]);
        }
        return text.toString();
    }

    private int zipfRank(double u) {
        int index = java.util.Arrays.binarySearch(cumulative, u);
        return Math.min(words.length - 1, index >= 0 ? index : -index - 1);
    }
}
