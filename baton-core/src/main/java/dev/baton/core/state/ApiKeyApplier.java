package dev.baton.core.state;

import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.RevokeApiKey;

/** Applies API key commands. */
final class ApiKeyApplier {
    private final BatonState state;

    ApiKeyApplier(BatonState state) {
        this.state = state;
    }

    Outcome create(CreateApiKey c) {
        if (state.apiKeys.containsKey(c.keyId())) {
            return new Outcome.Rejected("conflict", "API key '" + c.keyId() + "' already exists");
        }
        if (state.apiKeyIdBySha256.containsKey(c.tokenSha256())) {
            return new Outcome.Rejected("conflict", "a key with this token already exists");
        }
        state.apiKeys.put(c.keyId(), new ApiKey(c.keyId(), c.name(), c.role(), c.tokenSha256(), c.nowMs()));
        state.apiKeyIdBySha256.put(c.tokenSha256(), c.keyId());
        return new Outcome.Done(1);
    }

    Outcome revoke(RevokeApiKey c) {
        ApiKey key = state.apiKeys.remove(c.keyId());
        if (key == null) {
            return Outcome.notFound("API key", c.keyId());
        }
        state.apiKeyIdBySha256.remove(key.tokenSha256());
        return new Outcome.Done(1);
    }
}
