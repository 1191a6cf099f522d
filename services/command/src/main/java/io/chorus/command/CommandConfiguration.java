package io.chorus.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.auth.JwtFactory;
import io.chorus.common.nats.NatsFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class CommandConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private JwtFactory auth = new JwtFactory();

    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    public NatsFactory getNats() {
        return nats;
    }

    public JwtFactory getAuth() {
        return auth;
    }
}
