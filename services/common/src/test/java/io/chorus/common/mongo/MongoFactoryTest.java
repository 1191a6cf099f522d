package io.chorus.common.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import io.chorus.common.config.ConfigBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MongoFactoryTest {
    @Test
    void theUriCarriesTheCredentialsWithThePasswordFromTheEnvironment() throws Exception {
        MongoFactory mongo = ConfigBlocks.read(
                MongoFactory.class,
                "uri: mongodb://chorus:${CHORUS_MONGO_PASSWORD}@mongo:27017/?authSource=admin\n",
                Map.of("CHORUS_MONGO_PASSWORD", "from-the-secret"));

        MongoCredential credential = mongo.settings().getCredential();

        assertThat(credential.getUserName()).isEqualTo("chorus");
        assertThat(new String(credential.getPassword())).isEqualTo("from-the-secret");
        assertThat(credential.getSource()).isEqualTo("admin");
    }

    @Test
    void withoutCredentialsOrTlsTheClientIsPlain() throws Exception {
        MongoClientSettings settings = ConfigBlocks.read(MongoFactory.class, "uri: mongodb://mongo:27017/\n")
                .settings();

        assertThat(settings.getCredential()).isNull();
        assertThat(settings.getSslSettings().isEnabled()).isFalse();
    }

    @Test
    void tlsInTheUriUsesTheJvmsTrust() throws Exception {
        MongoClientSettings settings = ConfigBlocks.read(MongoFactory.class, "uri: mongodb://mongo:27017/?tls=true\n")
                .settings();

        assertThat(settings.getSslSettings().isEnabled()).isTrue();
        assertThat(settings.getSslSettings().getContext()).isNull();
    }

    @Test
    void aTlsBlockTurnsTlsOnWithItsTrustAndChecksHostNames() throws Exception {
        MongoClientSettings settings = ConfigBlocks.read(MongoFactory.class, "uri: mongodb://mongo:27017/\ntls: {}\n")
                .settings();

        assertThat(settings.getSslSettings().isEnabled()).isTrue();
        assertThat(settings.getSslSettings().getContext()).isNotNull();
        assertThat(settings.getSslSettings().isInvalidHostNameAllowed()).isFalse();
    }
}
