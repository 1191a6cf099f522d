package io.chorus.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.auth.JwtFactory;
import io.chorus.common.nats.NatsFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

public class NotificationConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private JwtFactory auth = new JwtFactory();

    /** This instance's id: its inbox subject is {@code instance.events.<instanceId>}. */
    @NotEmpty
    @JsonProperty
    private String instanceId = "notification-1";

    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    public String getInstanceId() {
        return instanceId;
    }

    public NatsFactory getNats() {
        return nats;
    }

    public JwtFactory getAuth() {
        return auth;
    }
}
