package io.chorus.common.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.config.TlsFactory;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    /**
     * A user of Elasticsearch's native realm and its password (HTTP basic authentication), where no API key can be
     * handed out beforehand: the compose stack's one-shot container creates the user with a password from the
     * environment (decision 0266). At most one of this and {@code apiKey}.
     */
    @JsonProperty
    private String username;

    @JsonProperty
    private String password;

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

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @ValidationMethod(message = "elasticsearch: give either apiKey or username and password, not both")
    public boolean isOneWayToAuthenticate() {
        return apiKey == null || (username == null && password == null);
    }

    @ValidationMethod(message = "elasticsearch: username and password go together")
    public boolean isUserComplete() {
        return (username == null) == (password == null);
    }

    public void setTls(TlsFactory tls) {
        this.tls = tls;
    }

    /** The headers every request carries: the API key, or the user and its password, when one is configured. */
    Header[] defaultHeaders() {
        if (apiKey != null) {
            return new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)};
        }
        if (username != null && password != null) {
            String basic =
                    Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new Header[] {new BasicHeader("Authorization", "Basic " + basic)};
        }
        return new Header[0];
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
