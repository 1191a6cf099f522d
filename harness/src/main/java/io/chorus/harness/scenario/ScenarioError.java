package io.chorus.harness.scenario;

/**
 * One thing wrong with a scenario file, where it is and what was expected instead.
 *
 * @param line   1-based; 0 when the problem is the file as a whole
 * @param column 1-based; 0 when unknown
 * @param field  the field's path, such as {@code phases[1].rate}; empty for the whole document
 */
public record ScenarioError(String file, int line, int column, String field, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
