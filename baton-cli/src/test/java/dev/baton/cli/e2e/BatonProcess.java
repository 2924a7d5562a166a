package dev.baton.cli.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code baton.jar} the way a user does, as a separate JVM on loopback. */
final class BatonProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("baton.jar", "target/baton.jar"));
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Every port {@link #freePort} returned in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final Process process;
    final int port;
    final Path log;

    private BatonProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code baton dev} on a free port and waits until {@code /ready} answers 200. */
    static BatonProcess dev(Path dataDir, int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("dev", "--data-dir", dataDir.toString(), "--port",
                Integer.toString(port), "--raft-port", Integer.toString(freePort())));
        args.addAll(List.of(extra));
        Path log = Files.createTempFile("baton-dev", ".log");
        Process process = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        BatonProcess baton = new BatonProcess(process, port, log);
        baton.awaitReady();
        return baton;
    }

    /**
     * Starts {@code baton dev --nodes N} with HTTP ports from {@code firstPort} and waits until it reports the
     * cluster up (it checks every node's {@code /ready} itself).
     */
    static BatonProcess devCluster(Path dataDir, int firstPort, int nodes) throws Exception {
        List<String> args = List.of("dev", "--nodes", Integer.toString(nodes), "--data-dir", dataDir.toString(),
                "--port", Integer.toString(firstPort));
        Path log = Files.createTempFile("baton-dev-cluster", ".log");
        Process process = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        BatonProcess baton = new BatonProcess(process, firstPort, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log).contains("Baton dev cluster is up")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                baton.close();
                throw new AssertionError("baton dev --nodes " + nodes + " did not come up:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        return baton;
    }

    /** A first port such that {@code count} consecutive ports and the same ports + 10000 are free now. */
    static int freeConsecutivePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = isFree(first + i) && isFree(first + i + 10_000);
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a CLI command to completion and returns its exit code and output. */
    static Result cli(String... args) throws Exception {
        Process process = new ProcessBuilder(command(List.of(args))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("baton " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    /** As {@link #cli(String...)}, with {@code client} options (e.g. {@code --url}, {@code --token}) after {@code args}. */
    static Result cliWith(String[] client, String... args) throws Exception {
        String[] all = new String[args.length + client.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(client, 0, all, args.length, client.length);
        return cli(all);
    }

    record Result(int exitCode, String output) {}

    /** {@code java -jar baton.jar args...} with exactly {@code env} as its {@code BATON_*} environment. */
    static ProcessBuilder jar(java.util.Map<String, String> env, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(args))).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("BATON_"));
        builder.environment().putAll(env);
        return builder;
    }

    /** Waits until a {@code baton server} on {@code port} answers {@code /ready} with 200 (90 s at most). */
    static void awaitServerReady(Process server, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("baton server exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("baton server did not become ready:\n" + Files.readString(log));
    }

    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("baton exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && Files.readString(log).contains("Baton dev node is up")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("baton did not become ready:\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook, no flush beyond what Raft already synced. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * A port free now and never handed out before in this JVM: the OS may offer a port it just gave back, and a node
     * given the same port for HTTP and Raft refuses to start (a WorkflowFailoverIT run failed that way).
     */
    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
