package io.chorus.common.mongo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import jakarta.validation.constraints.NotEmpty;
import java.util.concurrent.TimeUnit;

/** Configuration of a service's MongoDB (wire protocol) client. */
public class MongoFactory {
    @NotEmpty
    @JsonProperty
    private String uri = "mongodb://127.0.0.1:27017/?directConnection=true";

    @NotEmpty
    @JsonProperty
    private String database = "chorus";

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    MongoClientSettings settings() {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
                .build();
    }

    public ManagedMongoClient build() {
        return new ManagedMongoClient(this);
    }
}
