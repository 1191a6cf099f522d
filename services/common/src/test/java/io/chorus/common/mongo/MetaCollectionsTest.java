package io.chorus.common.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class MetaCollectionsTest {

    private static BsonDocument rendered(org.bson.conversions.Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }

    @Test
    void theFirstPageIsTheEqualityAlone() {
        assertThat(rendered(MetaCollections.pageFilter("userId", "u1", "channelId", null)))
                .isEqualTo(BsonDocument.parse("{\"userId\": \"u1\"}"));
    }

    @Test
    void laterPagesAddTheRangeAsATopLevelFieldNeverAnOperator() {
        BsonDocument filter = rendered(MetaCollections.pageFilter("channelId", "c1", "userId", "u9"));
        assertThat(filter).isEqualTo(BsonDocument.parse("{\"channelId\": \"c1\", \"userId\": {\"$gt\": \"u9\"}}"));
        assertThat(filter.keySet()).noneMatch(key -> key.startsWith("$"));
    }
}
