package io.chorus.harness.scenario;

/**
 * The {@code push:} section of a scenario: which users have a phone, which stay offline, and the direct messages
 * and mentions sent to them while the phases run. With it, a run starts the fake push providers (decision 0203),
 * registers the devices, and judges the notifications with the push checker (decision 0205).
 *
 * @param devices     the share of the population with one registered device (0 to 1)
 * @param apns        the share of those devices on APNs; the others are on FCM
 * @param offline     the share of the users with a device who never connect (owed a notification for each message
 *                    addressed to them); the others hold a socket throughout (owed none)
 * @param expired     the share of devices whose token the provider answers 410 / UNREGISTERED for
 * @param dmRate      direct messages per second to a user with a device, from another user
 * @param mentionRate channel messages per second that mention a user with a device, from another member
 */
public record PushSpec(
        double devices, double apns, double offline, double expired, double dmRate, double mentionRate) {}
