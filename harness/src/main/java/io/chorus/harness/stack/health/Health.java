package io.chorus.harness.stack.health;

/** What one probe of one component found. */
public record Health(String component, boolean healthy, String detail) {
    public static Health ok(String component, String detail) {
        return new Health(component, true, detail);
    }

    public static Health failing(String component, String detail) {
        return new Health(component, false, detail);
    }
}
