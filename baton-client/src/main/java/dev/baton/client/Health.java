package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reply of {@code GET /health} or {@code GET /ready}: 200 means healthy (or ready), 503 not.
 *
 * @param status the HTTP status of the reply
 * @param body the JSON body the node sent, or a JSON string holding the text when it was not JSON
 */
public record Health(int status, JsonNode body) {

    /** True when the node answered 200. */
    public boolean healthy() {
        return status == 200;
    }
}
