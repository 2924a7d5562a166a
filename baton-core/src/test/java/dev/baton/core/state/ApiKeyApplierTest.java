package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.Role;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.RevokeApiKey;
import org.junit.jupiter.api.Test;

class ApiKeyApplierTest {
    private final StateFixture f = new StateFixture();

    @Test
    void create_newKey_isFoundByTokenHash() {
        Outcome outcome = f.apply(new CreateApiKey("k1", "ci", Role.SUBMITTER, "hash-1", T0));

        assertThat(outcome).isEqualTo(new Outcome.Done(1));
        assertThat(f.state.apiKeyBySha256("hash-1")).contains(new ApiKey("k1", "ci", Role.SUBMITTER, "hash-1", T0));
        assertThat(f.state.apiKeyBySha256("hash-2")).isEmpty();
    }

    @Test
    void create_takenId_isRejectedAndKeepsOriginal() {
        f.apply(new CreateApiKey("k1", "ci", Role.SUBMITTER, "hash-1", T0));

        Outcome outcome = f.apply(new CreateApiKey("k1", "other", Role.ADMIN, "hash-2", T0 + 1));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo("conflict"));
        assertThat(f.state.apiKeyBySha256("hash-2")).isEmpty();
        assertThat(f.state.apiKeyBySha256("hash-1"))
                .hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(Role.SUBMITTER));
    }

    @Test
    void create_takenTokenHash_isRejected() {
        f.apply(new CreateApiKey("k1", "ci", Role.SUBMITTER, "hash-1", T0));

        Outcome outcome = f.apply(new CreateApiKey("k2", "other", Role.ADMIN, "hash-1", T0 + 1));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.state.apiKeys()).extracting(ApiKey::id).containsExactly("k1");
        assertThat(f.state.apiKeyBySha256("hash-1")).hasValueSatisfying(k -> assertThat(k.id()).isEqualTo("k1"));
    }

    @Test
    void revoke_existingKey_removesItAndItsHashLookup() {
        f.apply(new CreateApiKey("k1", "ci", Role.SUBMITTER, "hash-1", T0));

        Outcome outcome = f.apply(new RevokeApiKey("k1", T0 + 1));

        assertThat(outcome).isEqualTo(new Outcome.Done(1));
        assertThat(f.state.apiKeyBySha256("hash-1")).isEmpty();
        assertThat(f.state.apiKeys()).isEmpty();
    }

    @Test
    void revoke_thenCreateWithSameHash_isAccepted() {
        f.apply(new CreateApiKey("k1", "ci", Role.SUBMITTER, "hash-1", T0));
        f.apply(new RevokeApiKey("k1", T0 + 1));

        assertThat(f.apply(new CreateApiKey("k2", "ci", Role.VIEWER, "hash-1", T0 + 2))).isEqualTo(new Outcome.Done(1));
        assertThat(f.state.apiKeyBySha256("hash-1")).hasValueSatisfying(k -> assertThat(k.id()).isEqualTo("k2"));
    }

    @Test
    void revoke_unknownKey_isRejectedNotFound() {
        assertThat(f.apply(new RevokeApiKey("ghost", T0)))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("not_found"));
    }

    @Test
    void apiKeys_listsKeysOrderedById() {
        f.apply(new CreateApiKey("k2", "b", Role.VIEWER, "h2", T0));
        f.apply(new CreateApiKey("k1", "a", Role.ADMIN, "h1", T0));

        assertThat(f.state.apiKeys()).extracting(ApiKey::id).containsExactly("k1", "k2");
    }

    @Test
    void apply_apiKeyCommands_emitNoStateEvents() {
        f.apply(new CreateApiKey("k1", "a", Role.ADMIN, "h1", T0));
        f.apply(new RevokeApiKey("k1", T0));

        assertThat(f.events).isEmpty();
    }
}
