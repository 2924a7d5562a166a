package dev.baton.server.raft;

import dev.baton.core.command.Command;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * An entry as the leader's proposer hands it to Ratis in-process: the encoded (maybe sealed) bytes that go into the
 * log, and the commands they were encoded from. The leader applies those commands as they are, without opening and
 * decoding its own bytes again; every other node, and this one when it replays its log, decodes the bytes. Both give
 * the same commands because decoding an encoded batch yields an equal batch ({@code CommandCodecTest} holds every
 * command type to that).
 */
record ProposedEntry(List<Command> commands, ByteString content) implements Message {
    @Override
    public ByteString getContent() {
        return content;
    }
}
