package dev.baton.bench.jmh;

import dev.baton.core.codec.CommandCodec;
import dev.baton.core.command.Command;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The command codec: one log entry holding {@code batch} task submissions, encoded and decoded. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBench {
    @Param({"1", "500"})
    int batch;

    List<Command> commands;
    byte[] entry;

    @Setup
    public void setUp() {
        commands = Fixtures.submits(0, batch);
        entry = CommandCodec.encode(commands);
    }

    @Benchmark
    public byte[] encode() {
        return CommandCodec.encode(commands);
    }

    @Benchmark
    public List<Command> decode() {
        return CommandCodec.decode(entry);
    }
}
