package dev.baton.server.raft;

import dev.baton.core.codec.CommandCodec;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.crypto.SealedBytes;
import dev.baton.server.crypto.SealedDataException;
import dev.baton.server.state.StateStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratis glue for the {@link StateStore}: decodes each committed entry (a batch of commands) and applies it; the
 * leader applies the entries it proposed from the commands it encoded them from ({@link ProposedEntry}).
 * Apply never throws for business rules; an entry this build cannot decode stops the node rather than skipping
 * it, because skipping would fork this node's state from its peers.
 *
 * <p>Snapshots are {@code snapshot.TERM_INDEX} files in Ratis' state machine directory, written atomically with an
 * MD5 side file and the {@link SnapshotCodec} checksum; the latest is reloaded on start and after an install.
 *
 * <p>Encryption at rest happens at this boundary only: entries arrive sealed by the leader (or plain) and are opened
 * by {@link EntryCipher#open} before decoding; snapshot files are sealed with this node's active key when written
 * and opened when loaded. The state in memory stays plain. An entry that cannot be opened stops the node like one
 * that cannot be decoded.
 */
final class BatonStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(BatonStateMachine.class);

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final StateStore store;
    private final RaftEvents events;
    private final EntryCipher cipher;
    private volatile RaftPeerId selfId;

    BatonStateMachine(StateStore store, RaftEvents events, EntryCipher cipher) {
        this.store = store;
        this.events = events;
        this.cipher = cipher;
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            selfId = server.getId();
            storage.init(raftStorage);
            loadLatestSnapshot();
        });
    }

    /** Ratis pauses the state machine before installing a snapshot from the leader into its directory. */
    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** Called after a snapshot was installed from the leader: the state is replaced by that snapshot. */
    @Override
    public void reinitialize() throws IOException {
        getLifeCycle().startAndTransition(this::loadLatestSnapshot);
    }

    /** A read barrier: by the time Ratis calls this, the read index is applied; the read itself is local. */
    @Override
    public CompletableFuture<org.apache.ratis.protocol.Message> query(org.apache.ratis.protocol.Message request) {
        return CompletableFuture.completedFuture(org.apache.ratis.protocol.Message.EMPTY);
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo latest = storage.loadLatestSnapshot();
        if (latest == null) {
            return;
        }
        File file = latest.getFile().getPath().toFile();
        byte[] bytes = Files.readAllBytes(file.toPath());
        TermIndex position = latest.getTermIndex();
        store.restore(SnapshotCodec.decode(opened(bytes, () -> "snapshot " + file.getName())), position.getTerm(),
                position.getIndex());
        updateLastAppliedTermIndex(position.getTerm(), position.getIndex());
        LOG.info("loaded snapshot {} ({} bytes)", file.getName(), bytes.length);
    }

    /** The newest snapshot file this node holds, if any. */
    java.util.Optional<RaftAdmin.SnapshotFile> latestSnapshotFile() {
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        return latest == null ? java.util.Optional.empty() : java.util.Optional.of(new RaftAdmin.SnapshotFile(
                latest.getFile().getPath(), latest.getTerm(), latest.getIndex()));
    }

    /** On the leader, for an entry its proposer made: keeps the commands, so applying it needs no decoding. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        if (request.getMessage() instanceof ProposedEntry proposed) {
            trx.setStateMachineContext(proposed.commands());
        }
        return trx;
    }

    @Override
    public CompletableFuture<org.apache.ratis.protocol.Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        List<Command> batch = proposedHere(trx);
        if (batch == null) {
            batch = CommandCodec.decode(opened(entry.getStateMachineLogEntry().getLogData().toByteArray(),
                    () -> "log entry " + entry.getTerm() + "_" + entry.getIndex()));
        }
        List<Outcome> outcomes = store.applyBatch(batch, entry.getTerm(), entry.getIndex());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(new OutcomeMessage(outcomes));
    }

    /** The commands of an entry this node proposed as leader in this term, or null (decode the entry's bytes). */
    @SuppressWarnings("unchecked")
    private static List<Command> proposedHere(TransactionContext trx) {
        return trx.getStateMachineContext() instanceof List<?> commands ? (List<Command>) commands : null;
    }

    /** {@code stored} opened; a failure is logged with {@code what} (term_index or file) before it stops the node. */
    private byte[] opened(byte[] stored, java.util.function.Supplier<String> what) {
        try {
            return cipher.open(stored);
        } catch (SealedDataException e) {
            String message = "cannot open " + what.get() + ": " + e.getMessage();
            LOG.error(message);
            throw new SealedDataException(message);
        }
    }

    @Override
    public long takeSnapshot() throws IOException {
        long started = System.nanoTime();
        StateStore.PositionedSnapshot snapshot = store.snapshot();
        if (snapshot.index() <= 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(snapshot.term(), snapshot.index());
        File temp = new File(target.getParentFile(), target.getName() + ".tmp");
        byte[] stored = cipher.seal(SnapshotCodec.encode(snapshot.snapshot()));
        Files.write(temp.toPath(), stored);
        Files.move(temp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(
                new org.apache.ratis.server.storage.FileInfo(target.toPath(), MD5FileUtil.readStoredMd5ForFile(target)),
                snapshot.term(), snapshot.index()));
        events.snapshotTaken(target.length(), System.nanoTime() - started);
        LOG.info("took snapshot at term {} index {} ({} bytes{})", snapshot.term(), snapshot.index(), target.length(),
                SealedBytes.keyId(stored).map(id -> ", sealed with key '" + id + "'").orElse(""));
        return snapshot.index();
    }

    @Override
    public void notifyLeaderReady() {
        events.leadership(true);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        events.leaderChanged(newLeaderId == null ? null : newLeaderId.toString());
        if (selfId != null && !selfId.equals(newLeaderId)) {
            events.leadership(false);
        }
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        store.advance(term, index);
    }
}
