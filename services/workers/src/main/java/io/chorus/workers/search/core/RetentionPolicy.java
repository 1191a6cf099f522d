package io.chorus.workers.search.core;

import io.chorus.common.search.MessageIndex;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Which daily indices are past retention: those whose day is more than {@code retentionDays} before today. */
public final class RetentionPolicy {
    private RetentionPolicy() {}

    public static boolean expired(LocalDate day, LocalDate today, int retentionDays) {
        return day.isBefore(today.minusDays(retentionDays));
    }

    /** The daily indices among {@code indexNames} to delete; names that are not daily indices are never chosen. */
    public static List<String> expiredIndices(Collection<String> indexNames, LocalDate today, int retentionDays) {
        return indexNames.stream()
                .filter(name -> MessageIndex.dayOf(name)
                        .map(day -> expired(day, today, retentionDays))
                        .orElse(false))
                .sorted()
                .toList();
    }

    static Optional<LocalDate> dayOf(String indexName) {
        return MessageIndex.dayOf(indexName);
    }
}
