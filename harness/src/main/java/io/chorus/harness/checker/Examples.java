package io.chorus.harness.checker;

import java.util.ArrayList;
import java.util.List;

/** The first few offending items of a check, kept so a report can show what went wrong without listing millions. */
final class Examples {
    static final int LIMIT = 20;

    private Examples() {}

    static <T> void add(List<T> examples, T item) {
        if (examples.size() < LIMIT) {
            examples.add(item);
        }
    }

    static <T> List<T> list() {
        return new ArrayList<>();
    }
}
