package io.chorus.fakes.push;

/** A fake push provider a harness can fault and stop: its fault applies to every notification from then on. */
public interface FakeProvider extends AutoCloseable {
    /** {@code apns} or {@code fcm}, as a device's platform. */
    String provider();

    /** Puts {@code fault} in force ({@link ProviderFault#NONE} heals); returns once it is. */
    void fault(ProviderFault fault);

    /** The fault in force ({@link ProviderFault#NONE}: none). */
    ProviderFault fault();

    @Override
    void close();
}
