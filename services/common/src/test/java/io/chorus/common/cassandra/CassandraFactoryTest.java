package io.chorus.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import io.chorus.common.config.ConfigBlocks;
import io.dropwizard.configuration.ConfigurationValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraFactoryTest {
    private static final String POINTS = "contactPoints: [cassandra:9042]\n";

    private static DriverExecutionProfile profile(CassandraFactory cassandra) {
        return cassandra.driverConfig().getInitialConfig().getDefaultProfile();
    }

    @Test
    void usernameAndPasswordGoToThePlainTextAuthenticator() throws Exception {
        CassandraFactory cassandra = ConfigBlocks.read(
                CassandraFactory.class,
                POINTS + "username: chorus\npassword: ${CHORUS_CASSANDRA_PASSWORD}\n",
                Map.of("CHORUS_CASSANDRA_PASSWORD", "from-the-secret"));

        DriverExecutionProfile profile = profile(cassandra);

        assertThat(profile.getString(DefaultDriverOption.AUTH_PROVIDER_CLASS)).isEqualTo("PlainTextAuthProvider");
        assertThat(profile.getString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME))
                .isEqualTo("chorus");
        assertThat(profile.getString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD))
                .isEqualTo("from-the-secret");
    }

    @Test
    void withoutCredentialsNoAuthenticatorAndNoTls() throws Exception {
        CassandraFactory cassandra = ConfigBlocks.read(CassandraFactory.class, POINTS);

        assertThat(profile(cassandra).isDefined(DefaultDriverOption.AUTH_PROVIDER_CLASS))
                .isFalse();
        assertThat(cassandra.sslEngineFactory()).isEmpty();
    }

    @Test
    void aTlsBlockEncryptsClientToNodeTraffic() throws Exception {
        CassandraFactory cassandra = ConfigBlocks.read(CassandraFactory.class, POINTS + "tls: {}\n");

        assertThat(cassandra.sslEngineFactory()).isPresent();
    }

    @Test
    void aUsernameWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> ConfigBlocks.read(CassandraFactory.class, POINTS + "username: chorus\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("username and password go together");
    }
}
