package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error reply ({@code application/problem+json}).
 *
 * @param type a stable URI naming the kind of problem, e.g. {@code https://baton.dev/problems/validation}
 * @param field the request field at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {}
