package io.chorus.workers.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.util.Date;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * The guards of the meta writer's duplicate paths must reach FerretDB as top-level field conditions: a top-level
 * operator ({@code $and}) is not pushed down to PostgreSQL, and each update then scans its collection (decision 0073).
 */
class MongoMetaStoreTest {
    private static BsonDocument render(Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }

    private static void assertNoTopLevelOperator(BsonDocument filter) {
        assertThat(filter.keySet()).noneMatch(key -> key.startsWith("$"));
    }

    @Test
    void theUserGuardIsAnIdLookupWithAnOlderVersionCondition() {
        Date at = new Date(1_700_000_000_000L);
        BsonDocument filter = render(MongoMetaStore.olderVersionOf("u42", at));
        assertNoTopLevelOperator(filter);
        assertThat(filter.get("_id")).isEqualTo(new BsonString("u42"));
        assertThat(filter.getDocument("updatedAt")).isEqualTo(new BsonDocument("$lt", new BsonDateTime(at.getTime())));
        assertThat(filter.keySet()).containsExactly("_id", "updatedAt");
    }

    @Test
    void theRoleGuardIsAnIdLookupWithALowerRoleCondition() {
        BsonDocument filter = render(MongoMetaStore.lowerRoleOf("c1.u42", "admin"));
        assertNoTopLevelOperator(filter);
        assertThat(filter.get("_id")).isEqualTo(new BsonString("c1.u42"));
        assertThat(filter.getDocument("role"))
                .isEqualTo(
                        new BsonDocument("$in", new org.bson.BsonArray(java.util.List.of(new BsonString("member")))));
        assertThat(filter.keySet()).containsExactly("_id", "role");
        assertThat(render(MongoMetaStore.lowerRoleOf("c1.u42", "owner"))
                        .getDocument("role")
                        .getArray("$in"))
                .containsExactly(new BsonString("member"), new BsonString("admin"));
    }

    @Test
    void aMemberGrantChangesNoExistingMembership() {
        // adding never lowers a role: re-adding an owner or an admin "as member" leaves their role (decision 0101)
        assertThat(MongoMetaStore.lowerRoleOf("c1.u42", "member")).isNull();
    }
}
