package io.chorus.query.core;

/** A search request a client got wrong: answered 400 with this code and message. */
public class InvalidSearch extends RuntimeException {
    private final String code;

    public InvalidSearch(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
