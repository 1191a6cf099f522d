package io.chorus.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** The 202 of a device registration or removal: the device's id (derived from its token) and the event's. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceAccepted(String deviceId, String userId, UUID eventId, Long seq, Boolean duplicate) {}
