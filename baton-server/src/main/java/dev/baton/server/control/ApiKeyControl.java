package dev.baton.server.control;

import dev.baton.api.Role;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.ExpireApiKeys;
import dev.baton.core.command.RevokeApiKey;
import dev.baton.core.command.RotateApiKey;
import dev.baton.core.state.Outcome;
import dev.baton.server.state.StateStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The leader's decisions about API keys: ids and times are stamped here, then the command is proposed.
 *
 * <p>Threading: every method hops onto the {@link Control} loop (and fails with {@link NotLeaderException} on a
 * follower); the futures complete once the command is committed and applied.
 */
public final class ApiKeyControl {
    private final Control control;
    private final CommandLog log;
    private final StateStore store;
    private final LongSupplier clock;
    private final RandomGenerator random;

    ApiKeyControl(Control control, CommandLog log, StateStore store, LongSupplier clock, RandomGenerator random) {
        this.control = control;
        this.log = log;
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    /** Creates a key under a generated id; {@code tenant} null for every tenant, {@code expiresAtMs} 0 for never. */
    public CompletableFuture<Outcome> createApiKey(String name, Role role, String tokenSha256, String tenant,
                                                   long expiresAtMs) {
        return control.onLoop(() -> {
            long now = clock.getAsLong();
            return log.propose(new CreateApiKey(Ids.generate("k_", now, random), name, role, tokenSha256, tenant,
                    expiresAtMs, now));
        });
    }

    /** Replaces a key's token; the old one keeps working for {@code graceMs} after now (leader's clock). */
    public CompletableFuture<Outcome> rotateApiKey(String keyId, String tokenSha256, long graceMs) {
        return control.onLoop(() -> {
            long now = clock.getAsLong();
            return log.propose(new RotateApiKey(keyId, tokenSha256, now + graceMs, now));
        });
    }

    /** Removes expired keys and ended grace periods when the leader's clock has passed one; else does nothing. */
    public CompletableFuture<Outcome> expireApiKeys() {
        return control.onLoop(() -> {
            long now = clock.getAsLong();
            long next = store.read(s -> s.nextKeyExpiryMs());
            return next == 0 || next > now ? CompletableFuture.completedFuture(new Outcome.Done(0))
                    : log.propose(new ExpireApiKeys(now));
        });
    }

    /** Creates the key under a fixed id unless a key with that token already exists (bootstrap of admin keys). */
    public CompletableFuture<Outcome> ensureApiKey(String keyId, String name, Role role, String tokenSha256) {
        return control.onLoop(() -> {
            if (store.read(s -> s.apiKeyBySha256(tokenSha256).isPresent())) {
                return CompletableFuture.completedFuture(new Outcome.Done(0));
            }
            return log.propose(new CreateApiKey(keyId, name, role, tokenSha256, clock.getAsLong()));
        });
    }

    public CompletableFuture<Outcome> revokeApiKey(String keyId) {
        return control.onLoop(() -> log.propose(new RevokeApiKey(keyId, clock.getAsLong())));
    }
}
