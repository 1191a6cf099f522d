package io.chorus.workers.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import io.chorus.common.events.MetaPayloads;
import io.chorus.workers.core.MetaEvent;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class PushPreferenceWritesTest {
    @Test
    void aRemovalDeletesOnlyTheCallersOwnDeviceByTopLevelConditions() {
        BsonDocument filter = PushPreferenceWrites.ownDevice("d1", "alice")
                .toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
        assertThat(filter.keySet()).containsExactly("_id", "userId");
        assertThat(filter.get("userId")).isEqualTo(new BsonString("alice"));
    }

    @Test
    void aRegistrationIsTheWholeDocumentOfItsNewOwner() {
        var registered = new MetaEvent.DeviceRegistered(
                "bob", Instant.EPOCH, new MetaPayloads.DeviceRegistered("d1", "fcm", "tok", "proj"));
        assertThat(PushPreferenceWrites.device(registered))
                .containsEntry("_id", "d1")
                .containsEntry("userId", "bob")
                .containsEntry("platform", "fcm")
                .containsEntry("token", "tok")
                .containsEntry("appId", "proj");
        assertThat(PushPreferenceWrites.applies(registered)).isTrue();
    }
}
