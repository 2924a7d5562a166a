package dev.baton.core.state;

import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.ExpireApiKeys;
import dev.baton.core.command.RevokeApiKey;
import dev.baton.core.command.RotateApiKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies API key commands. Both a key's current token hash and, during a rotation's grace period, its previous one
 * are indexed in {@code apiKeyIdBySha256}.
 */
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
        state.apiKeys.put(c.keyId(), new ApiKey(c.keyId(), c.name(), c.role(), c.tokenSha256(), c.nowMs(),
                c.tenant(), c.expiresAtMs(), 0, null, 0));
        state.apiKeyIdBySha256.put(c.tokenSha256(), c.keyId());
        return new Outcome.Done(1);
    }

    Outcome revoke(RevokeApiKey c) {
        ApiKey key = state.apiKeys.remove(c.keyId());
        if (key == null) {
            return Outcome.notFound("API key", c.keyId());
        }
        unindex(key);
        return new Outcome.Done(1);
    }

    Outcome rotate(RotateApiKey c) {
        ApiKey key = state.apiKeys.get(c.keyId());
        if (key == null) {
            return Outcome.notFound("API key", c.keyId());
        }
        if (state.apiKeyIdBySha256.containsKey(c.tokenSha256())) {
            return new Outcome.Rejected("conflict", "a key with this token already exists");
        }
        unindex(key);
        boolean grace = c.previousValidUntilMs() > c.nowMs();
        ApiKey rotated = new ApiKey(key.id(), key.name(), key.role(), c.tokenSha256(), key.createdAtMs(),
                key.tenant(), key.expiresAtMs(), c.nowMs(), grace ? key.tokenSha256() : null,
                grace ? c.previousValidUntilMs() : 0);
        state.apiKeys.put(key.id(), rotated);
        index(rotated);
        return new Outcome.Done(1);
    }

    Outcome expire(ExpireApiKeys c) {
        List<ApiKey> changed = new ArrayList<>();
        for (ApiKey key : state.apiKeys()) {
            if (key.expiredAt(c.nowMs())
                    || key.previousSha256() != null && key.previousValidUntilMs() <= c.nowMs()) {
                changed.add(key);
            }
        }
        for (ApiKey key : changed) {
            unindex(key);
            if (key.expiredAt(c.nowMs())) {
                state.apiKeys.remove(key.id());
            } else {
                ApiKey ended = new ApiKey(key.id(), key.name(), key.role(), key.tokenSha256(), key.createdAtMs(),
                        key.tenant(), key.expiresAtMs(), key.rotatedAtMs(), null, 0);
                state.apiKeys.put(key.id(), ended);
                index(ended);
            }
        }
        return new Outcome.Done(changed.size());
    }

    private void index(ApiKey key) {
        state.apiKeyIdBySha256.put(key.tokenSha256(), key.id());
        if (key.previousSha256() != null) {
            state.apiKeyIdBySha256.put(key.previousSha256(), key.id());
        }
    }

    private void unindex(ApiKey key) {
        state.apiKeyIdBySha256.remove(key.tokenSha256());
        if (key.previousSha256() != null) {
            state.apiKeyIdBySha256.remove(key.previousSha256());
        }
    }
}
