package dev.baton.server.auth;

import dev.baton.api.Role;

/** Who made a request: the API key's id, name and role. */
public record Principal(String keyId, String name, Role role) {}
