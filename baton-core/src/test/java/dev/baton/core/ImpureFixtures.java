package dev.baton.core;

import dev.baton.server.purityfixture.ServerOnlyType;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Test-only classes that each break one purity rule, so {@link CorePurityTest} can prove every rule bites.
 * They live under {@code dev.baton.core} like main code would, but in test output, which the main check skips.
 */
@SuppressWarnings("unused")
final class ImpureFixtures {
    private ImpureFixtures() {}

    static final class CallsCurrentTimeMillis { long f() { return System.currentTimeMillis(); } }
    static final class CallsNanoTime { long f() { return System.nanoTime(); } }
    static final class CallsInstantNow { Object f() { return Instant.now(); } }
    static final class CallsLocalDateTimeNow { Object f() { return LocalDateTime.now(); } }
    static final class UsesClock { long f(Clock clock) { return clock.millis(); } }
    static final class UsesRandom { int f() { return new Random().nextInt(); } }
    static final class UsesSecureRandom { int f() { return new SecureRandom().nextInt(); } }
    static final class UsesThreadLocalRandom { int f() { return ThreadLocalRandom.current().nextInt(); } }
    static final class CallsMathRandom { double f() { return Math.random(); } }
    static final class CallsRandomUuid { Object f() { return UUID.randomUUID(); } }
    static final class UsesFile { boolean f() { return new File("x").exists(); } }
    static final class UsesFileStream { Object f() throws IOException { return new FileInputStream("x"); } }
    static final class UsesPath { boolean f() { return Files.exists(Path.of("x")); } }
    static final class UsesSocket { Object f() throws IOException { return new Socket("localhost", 1); } }
    static final class UsesUri { Object f() { return URI.create("http://x"); } }
    static final class StartsThread { void f() { new Thread(() -> { }).start(); } }
    static final class UsesVirtualThread { void f() { Thread.ofVirtual().start(() -> { }); } }
    static final class UsesExecutor { ExecutorService f() { return Executors.newSingleThreadExecutor(); } }
    static final class UsesLock { void f() { new ReentrantLock().lock(); } }
    static final class UsesServer { void f() { ServerOnlyType.touch(); } }
}
