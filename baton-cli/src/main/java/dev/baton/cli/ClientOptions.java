package dev.baton.cli;

import dev.baton.client.BatonClient;
import dev.baton.client.ClientTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options every command that talks to a Baton server shares: where its nodes are, the token, and
 * the output format. A picocli mixin; filled in once per command invocation on the main thread.
 */
public final class ClientOptions {
    static final String TOKEN_FILE = "admin.token";

    @Option(names = "--url", paramLabel = "URL[,URL...]", defaultValue = "${env:BATON_URL:-http://127.0.0.1:8080}",
            description = "Baton node URLs, comma separated; any node serves every request and the client fails "
                    + "over between them (env BATON_URL; default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--failover-window", paramLabel = "DURATION",
            defaultValue = "${env:BATON_FAILOVER_WINDOW:-15s}", converter = Converters.DurationConverter.class,
            description = "How long a call keeps trying other nodes after a failure (env BATON_FAILOVER_WINDOW; "
                    + "default: ${DEFAULT-VALUE}).")
    Duration failoverWindow;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:BATON_TOKEN}",
            description = "API token (env BATON_TOKEN; default: the contents of <data-dir>/" + TOKEN_FILE + ").")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory holding " + TOKEN_FILE + " (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--ca-cert", paramLabel = "FILE", defaultValue = "${env:BATON_CA_CERT}",
            description = "PEM file of the CA(s) to trust for https:// nodes instead of the JDK's default CAs, "
                    + "e.g. ca.pem from `baton certs dev` (env BATON_CA_CERT).")
    Path caCert;

    @Option(names = "--client-cert", paramLabel = "FILE", defaultValue = "${env:BATON_CLIENT_CERT}",
            description = "PEM client certificate, for nodes that ask for one (tls.clientCaFile); needs "
                    + "--client-key (env BATON_CLIENT_CERT).")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "FILE", defaultValue = "${env:BATON_CLIENT_KEY}",
            description = "Unencrypted PKCS#8 PEM key of --client-cert (env BATON_CLIENT_KEY).")
    Path clientKey;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class,
            description = "Output: text (default) or json (the server's JSON reply).")
    OutputFormat output;

    /** The node URLs as given: one, or several separated by commas. */
    public String url() {
        return url;
    }

    /** How long one call keeps failing over between nodes. */
    public Duration failoverWindow() {
        return failoverWindow;
    }

    /** The chosen output format. */
    public OutputFormat output() {
        return output;
    }

    /** True when the reply should be printed as JSON. */
    public boolean json() {
        return output == OutputFormat.JSON;
    }

    /** The token from {@code --token} or {@code BATON_TOKEN}, else from {@code <data-dir>/admin.token}, else null. */
    public String resolvedToken() {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = dataDir.resolve(TOKEN_FILE);
        if (!Files.isReadable(file)) {
            return null;
        }
        try {
            String contents = Files.readString(file, StandardCharsets.UTF_8).strip();
            return contents.isEmpty() ? null : contents;
        } catch (IOException e) {
            return null;
        }
    }

    /** Where the token came from, for error hints. */
    String tokenSource() {
        if (token != null && !token.isBlank()) {
            return "--token or BATON_TOKEN";
        }
        return resolvedToken() != null ? dataDir.resolve(TOKEN_FILE).toString() : "nowhere (no token given)";
    }

    /**
     * The TLS context from {@code --ca-cert} and {@code --client-cert}/{@code --client-key}, or null when none is
     * given (https:// nodes are then checked against the JDK's default CAs).
     */
    public javax.net.ssl.SSLContext tls() {
        if (caCert == null && clientCert == null && clientKey == null) {
            return null;
        }
        return ClientTls.context(caCert, clientCert, clientKey);
    }

    /** A client for the chosen nodes and token; throws {@link IllegalArgumentException} naming a bad URL or file. */
    public BatonClient client() {
        return BatonClient.builder(url).token(resolvedToken()).failoverWindow(failoverWindow).tls(tls()).build();
    }
}
