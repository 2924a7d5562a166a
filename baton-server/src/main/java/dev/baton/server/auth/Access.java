package dev.baton.server.auth;

import dev.baton.api.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which roles may use which group of endpoints. {@code admin} may do everything; {@code operator} everything but
 * key management; {@code submitter} submits, reads and cancels tasks; {@code agent} runs the agent protocol and reads
 * tasks; {@code viewer} reads.
 */
public enum Access {
    READ(EnumSet.allOf(Role.class)),
    SUBMIT(EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.SUBMITTER)),
    AGENT(EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.AGENT)),
    OPERATE(EnumSet.of(Role.ADMIN, Role.OPERATOR)),
    ADMIN(EnumSet.of(Role.ADMIN));

    private final Set<Role> roles;

    Access(Set<Role> roles) {
        this.roles = roles;
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    public Set<Role> roles() {
        return roles;
    }
}
