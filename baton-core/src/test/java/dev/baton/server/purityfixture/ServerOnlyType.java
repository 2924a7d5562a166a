package dev.baton.server.purityfixture;

/** Stands in for a {@code baton-server} class in {@code CorePurityTest}; core code must never reach such a type. */
public final class ServerOnlyType {
    private ServerOnlyType() {}

    public static void touch() {}
}
