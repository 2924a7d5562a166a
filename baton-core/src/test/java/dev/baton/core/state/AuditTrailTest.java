package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AuditChain;
import dev.baton.api.AuditRecord;
import dev.baton.api.Role;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.RequestStamp;
import dev.baton.core.command.Requested;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    private static final long T0 = StateFixture.T0;

    private static RequestStamp stamp(String action, String resource, int keep) {
        return new RequestStamp("k_1", "ci", Role.SUBMITTER, "acme", action, resource, "req-" + resource, "10.0.0.1",
                keep);
    }

    private static List<AuditRecord> all(BatonState state) {
        return state.auditPage(0, Integer.MAX_VALUE, r -> true);
    }

    @Test
    void requested_appliesTheCommandAndAppendsItsOutcome() {
        StateFixture f = new StateFixture();
        f.submit("t1", "cap");
        Outcome ok = f.apply(new Requested(stamp("POST /v1/tasks/{id}/cancel", "tasks/t1", 100),
                new CancelTask("t1", "asked", T0 + 1), T0 + 1));
        Outcome rejected = f.apply(new Requested(stamp("POST /v1/tasks/{id}/cancel", "tasks/t9", 100),
                new CancelTask("t9", "asked", T0 + 2), T0 + 2));
        f.apply(new RecordAudit(stamp("POST /v1/keys", "keys", 100), "forbidden", T0 + 3));

        assertThat(ok).isInstanceOf(Outcome.TaskOutcome.class);
        assertThat(rejected).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.task("t1").state()).isEqualTo(dev.baton.api.TaskState.CANCELLED);
        List<AuditRecord> entries = all(f.state);
        assertThat(entries).extracting(AuditRecord::outcome).containsExactly("ok", "not_found", "forbidden");
        assertThat(entries).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L);
        assertThat(entries.getFirst().time()).isEqualTo(java.time.Instant.ofEpochMilli(T0 + 1).toString());
        assertThat(AuditChain.verify(entries, AuditChain.GENESIS)).isEmpty();
        assertThat(f.state.auditHeadHash()).isEqualTo(entries.getLast().hash());
    }

    @Test
    void batchSubmission_appliesEachTaskInOrder_andAuditsEachTaskByItsOwnId() {
        StateFixture f = new StateFixture();
        f.apply(new SubmitTask("t0", StateFixture.keyed("cap", "acme", "k-same"), T0));
        Outcome outcome = f.apply(new Requested(stamp("POST /v1/tasks/batch", "tasks", 100), new SubmitTasks(List.of(
                new SubmitTask("t1", StateFixture.spec("cap"), T0 + 1),
                new SubmitTask("t2", StateFixture.keyed("cap", "acme", "k-same"), T0 + 1),
                new SubmitTask("t3", StateFixture.spec("cap"), T0 + 1)), T0 + 1), T0 + 1));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Each.class, each -> assertThat(each.outcomes())
                .extracting(o -> ((Outcome.TaskOutcome) o).task().id() + ":" + ((Outcome.TaskOutcome) o).created())
                .containsExactly("t1:true", "t0:false", "t3:true"));
        assertThat(f.state.taskById("t2")).isEmpty();
        List<AuditRecord> entries = all(f.state);
        assertThat(entries).extracting(AuditRecord::resource).containsExactly("tasks/t1", "tasks/t2", "tasks/t3");
        assertThat(entries).extracting(AuditRecord::action).containsOnly("POST /v1/tasks/batch");
        assertThat(AuditChain.verify(entries, AuditChain.GENESIS)).isEmpty();
    }

    @Test
    void retention_keepsTheNewest_andTheOldestKeptAnchorsTheChain() {
        StateFixture f = new StateFixture();
        for (int i = 1; i <= 8; i++) {
            f.apply(new RecordAudit(stamp("POST /v1/tasks", "tasks/t" + i, 5), "ok", T0 + i));
        }
        List<AuditRecord> kept = all(f.state);
        assertThat(kept).extracting(AuditRecord::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
        AuditRecord oldest = f.state.auditOldest().orElseThrow();
        assertThat(AuditChain.verify(kept, oldest.prevHash())).isEmpty();
        assertThat(f.state.auditLastSeq()).isEqualTo(8);
    }

    @Test
    void snapshot_restoresTrailHeadAndAgentOwners() {
        StateFixture f = new StateFixture();
        f.apply(new Requested(stamp("POST /v1/agents", "agents/a1", 100),
                new RegisterAgent("a1", "one", List.of("cap"), Map.of(), 1, T0), T0));
        f.apply(new Requested(stamp("POST /v1/keys", "keys/k2", 100),
                new CreateApiKey("k2", "two", Role.VIEWER, "ab".repeat(32), "acme", T0 + 9, T0), T0));
        BatonState restored = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(f.state.toSnapshot())));

        assertThat(restored.agentOwner("a1")).contains("k_1");
        assertThat(all(restored)).isEqualTo(all(f.state));
        assertThat(restored.auditHeadHash()).isEqualTo(f.state.auditHeadHash());
        assertThat(SnapshotCodec.digest(restored.toSnapshot())).isEqualTo(SnapshotCodec.digest(f.state.toSnapshot()));
        assertThat(restored.apiKeyByToken("ab".repeat(32), T0 + 8)).isPresent();
        assertThat(restored.apiKeyByToken("ab".repeat(32), T0 + 9)).isEmpty();

        restored.apply(new DeregisterAgent("a1", T0 + 1), e -> { });
        assertThat(restored.agentOwner("a1")).isEmpty();
    }

    @Test
    void verify_namesAnEditedADeletedAndAReorderedEntry() {
        StateFixture f = new StateFixture();
        for (int i = 1; i <= 6; i++) {
            f.apply(new RecordAudit(stamp("POST /v1/tasks", "tasks/t" + i, 100), "ok", T0 + i));
        }
        List<AuditRecord> chain = all(f.state);

        List<AuditRecord> edited = new ArrayList<>(chain);
        AuditRecord e = edited.get(2);
        edited.set(2, new AuditRecord(e.seq(), e.time(), e.keyId(), e.keyName(), e.role(), e.tenant(), e.action(),
                e.resource(), "forbidden", e.requestId(), e.source(), e.prevHash(), e.hash()));
        assertThat(AuditChain.verify(edited, AuditChain.GENESIS)).singleElement().asString()
                .startsWith("entry seq 3 (line 3, POST /v1/tasks tasks/t3) was modified");

        List<AuditRecord> deleted = new ArrayList<>(chain);
        deleted.remove(3);
        assertThat(AuditChain.verify(deleted, AuditChain.GENESIS)).singleElement().asString()
                .startsWith("entry seq 4 was deleted");

        List<AuditRecord> reordered = new ArrayList<>(chain);
        reordered.set(1, chain.get(2));
        reordered.set(2, chain.get(1));
        assertThat(AuditChain.verify(reordered, AuditChain.GENESIS)).first().asString()
                .startsWith("entry seq 2 is out of order");

        List<AuditRecord> firstDeleted = new ArrayList<>(chain.subList(1, chain.size()));
        assertThat(AuditChain.verify(firstDeleted, AuditChain.GENESIS)).singleElement().asString()
                .contains("does not follow the anchor");
    }
}
