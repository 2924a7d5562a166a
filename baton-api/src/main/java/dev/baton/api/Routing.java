package dev.baton.api;

/** Per-task routing: {@code policy} is a router policy name ({@code least_loaded}, {@code round_robin}, ...). */
public record Routing(String policy) {}
