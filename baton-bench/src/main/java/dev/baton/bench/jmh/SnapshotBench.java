package dev.baton.bench.jmh;

import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.StateSnapshot;
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

/**
 * Snapshots of a state holding {@code tasks} queued tasks: write (copy the state, encode, checksum) and read (verify,
 * decode, rebuild the indexes). One shot per iteration; the size of the encoded snapshot is printed in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class SnapshotBench {
    @Param({"1000000"})
    int tasks;

    BatonState state;
    byte[] encoded;

    @Setup
    public void setUp() {
        state = Fixtures.queued(tasks);
        encoded = SnapshotCodec.encode(state.toSnapshot());
        System.out.printf("%nsnapshot of %,d tasks: %,d bytes (%.0f bytes per task)%n", tasks, encoded.length,
                (double) encoded.length / tasks);
    }

    @Benchmark
    public byte[] write() {
        return SnapshotCodec.encode(state.toSnapshot());
    }

    @Benchmark
    public BatonState read() {
        StateSnapshot snapshot = SnapshotCodec.decode(encoded);
        return BatonState.fromSnapshot(snapshot);
    }
}
