package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error reply ({@code application/problem+json}).
 *
 * @param type a stable URI naming the kind of problem, e.g. {@code https://baton.dev/problems/validation}
 * @param field the request field at fault, when there is one
 * @param leaderUrl on a {@code 503} from a node that is not the leader: the leader's HTTP base URL when this node
 *     knows it (clients may retry there), else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
                      String leaderUrl) {
    /** A problem without a leader hint. */
    public Problem(String type, String title, int status, String detail, String instance, String field) {
        this(type, title, status, detail, instance, field, null);
    }
}
