package io.chorus.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.config.ExampleConfigContract;

class ExampleConfigTest extends ExampleConfigContract<QueryConfiguration> {
    ExampleConfigTest() {
        super(QueryConfiguration.class, QueryConfiguration::getAuth);
    }

    @Override
    protected void checkExample(QueryConfiguration example) {
        assertThat(example.getCassandra().getContactPoints()).containsExactly("127.0.0.1:9042");
        assertThat(example.getMongo().getDatabase()).isEqualTo("chorus");
        assertThat(example.getElasticsearch().getUrl()).isEqualTo("http://127.0.0.1:9200");
        assertThat(example.getPageCursorKey()).hasSizeGreaterThanOrEqualTo(32);
    }
}
