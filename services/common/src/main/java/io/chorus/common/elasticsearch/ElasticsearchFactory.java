package io.chorus.common.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/** Configuration of a service's Elasticsearch client. */
public class ElasticsearchFactory {
    @NotEmpty
    @JsonProperty
    private String url = "http://127.0.0.1:9200";

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public ManagedElasticsearchClient build() {
        return new ManagedElasticsearchClient(this);
    }
}
