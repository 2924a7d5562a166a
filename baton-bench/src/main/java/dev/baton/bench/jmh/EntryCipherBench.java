package dev.baton.bench.jmh;

import dev.baton.core.codec.CommandCodec;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.crypto.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Encryption at rest: one log entry of {@code batch} task submissions (as {@link CodecBench} encodes it) sealed
 * and opened with AES-256-GCM, the cost added to each entry on top of the codec.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryCipherBench {
    @Param({"1", "500"})
    int batch;

    EntryCipher cipher;
    byte[] entry;
    byte[] sealed;

    @Setup
    public void setUp() throws IOException {
        Path dir = Files.createTempDirectory("baton-cipher-bench");
        Path keyFile = dir.resolve("keys");
        KeyFiles.addKey(keyFile, "k1", true);
        cipher = EntryCipher.load(keyFile, "bench");
        entry = CommandCodec.encode(Fixtures.submits(0, batch));
        sealed = cipher.seal(entry);
        Files.delete(keyFile);
        Files.delete(dir);
        System.out.println("entry of " + batch + " submissions: " + entry.length + " bytes plain, " + sealed.length
                + " sealed");
    }

    @Benchmark
    public byte[] seal() {
        return cipher.seal(entry);
    }

    @Benchmark
    public byte[] open() {
        return cipher.open(sealed);
    }
}
