package io.chorus.common.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.config.TlsFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Configuration of a service's Elasticsearch client. */
public class ElasticsearchFactory {
    @NotEmpty
    @JsonProperty
    private String url = "http://127.0.0.1:9200";

    /**
     * An API key (the {@code encoded} value Elasticsearch returns when it creates one), sent with every request; a
     * secret, so written as {@code ${NAME}}. Absent: requests go without credentials.
     */
    @JsonProperty
    private String apiKey;

    /** Trust (and client certificate) for an {@code https} URL; absent: the JVM's own trust store. */
    @Valid
    @JsonProperty
    private TlsFactory tls;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public void setTls(TlsFactory tls) {
        this.tls = tls;
    }

    /** The headers every request carries: the API key when one is configured. */
    Header[] defaultHeaders() {
        return apiKey == null ? new Header[0] : new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)};
    }

    Optional<SSLContext> sslContext() {
        return Optional.ofNullable(tls).map(TlsFactory::sslContext);
    }

    RestClientBuilder restClient() {
        return RestClient.builder(HttpHost.create(url))
                .setDefaultHeaders(defaultHeaders())
                .setHttpClientConfigCallback(http -> {
                    sslContext().ifPresent(http::setSSLContext);
                    if (tls != null && !tls.isVerifyHostname()) {
                        http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                    }
                    return http;
                });
    }

    public ManagedElasticsearchClient build() {
        return new ManagedElasticsearchClient(this);
    }
}
