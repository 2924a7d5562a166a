package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.api.AddNodeRequest;
import dev.baton.api.AgentList;
import dev.baton.api.ApiKeyList;
import dev.baton.api.EncryptionView;
import dev.baton.api.ApiKeyRequest;
import dev.baton.api.ApiKeyView;
import dev.baton.api.BatchSubmitRequest;
import dev.baton.api.ClusterView;
import dev.baton.api.FeedbackRequest;
import dev.baton.api.FeedbackView;
import dev.baton.api.LeaderTransferRequest;
import dev.baton.api.Role;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.SubmitWorkflowRequest;
import dev.baton.api.SubmittedTask;
import dev.baton.api.SubmittedTaskList;
import dev.baton.api.TaskList;
import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import dev.baton.api.TenantList;
import dev.baton.api.TenantRequest;
import dev.baton.api.TenantView;
import dev.baton.api.WorkflowList;
import dev.baton.api.WorkflowState;
import dev.baton.api.WorkflowView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Submit and admin client for a Baton cluster: give it one node or several (any node serves every
 * request). Calls stick to one node while it works and fail over to the others when it does not,
 * within a failover window; the rules are on {@code HttpTransport} and in {@code docs/api.md}.
 *
 * <p>Thread-safe: one instance may be shared by any number of threads. Every call blocks the
 * calling thread (cheap on virtual threads) and throws {@link BatonApiException} when the server
 * answers with an error, {@link BatonUnavailableException} when no node could serve it within the
 * failover window (or the connection broke after a request that is not safe to repeat was sent),
 * and {@link BatonTimeoutException} when a node did not answer within the request timeout.
 */
public final class BatonClient implements AutoCloseable {
    /** Longest single long-poll {@link #waitForTask} asks the server for. */
    static final long MAX_WAIT_PER_REQUEST_MS = 30_000;
    /** Pause between long polls when the server answered well before the wait ran out. */
    static final long EARLY_RETURN_PAUSE_MS = 200;
    /** How long a call keeps failing over between nodes, from its first failure, unless the builder says otherwise. */
    public static final Duration DEFAULT_FAILOVER_WINDOW = Duration.ofSeconds(15);
    /** Membership changes and leadership transfers wait for a commit and a catch-up: allow them longer. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(70);

    private final HttpTransport transport;

    private BatonClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * A client for the nodes at {@code baseUrls}, one URL or several separated by commas (such as
     * {@code http://a:8080,http://b:8080}), using {@code token} and default timeouts.
     *
     * @throws IllegalArgumentException when an entry is not an http(s) URL; the message names it
     */
    public static BatonClient create(String baseUrls, String token) {
        return builder(baseUrls).token(token).build();
    }

    /**
     * A builder for a client of the nodes at {@code baseUrls}, one URL or several separated by commas,
     * e.g. {@code http://127.0.0.1:8080} or {@code http://a:8080,http://b:8080}.
     *
     * @throws IllegalArgumentException when an entry is not an http(s) URL; the message names it
     */
    public static Builder builder(String baseUrls) {
        return new Builder(NodeList.parse(baseUrls));
    }

    /**
     * A builder for a client of the nodes at {@code baseUrls}, one base URL per element.
     *
     * @throws IllegalArgumentException when the list is empty or an entry is not an http(s) URL; the message names it
     */
    public static Builder builder(List<String> baseUrls) {
        return new Builder(NodeList.of(baseUrls));
    }

    /** The base URL of the node in use now, without a trailing slash; it changes when the client fails over. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** Every configured node's base URL, in the order given, duplicates dropped. */
    public List<String> baseUrls() {
        return transport.baseUrls();
    }

    /**
     * Submits a task; returns it queued, or the existing task when its idempotency key was seen before.
     *
     * <p>A request without an idempotency key gets a random one (a UUID) before it is sent, and it is
     * the same on every attempt: when the connection breaks after the request was sent, the client
     * sends it again to the next node, and the server answers with the task the first attempt
     * created, so one call never creates two tasks. The returned task carries the key.
     */
    public TaskView submit(SubmitTaskRequest request) {
        return transport.send("POST", "/v1/tasks", withKey(Objects.requireNonNull(request, "request")),
                TaskView.class);
    }

    /**
     * Submits several tasks in one request and returns them in the same order.
     *
     * <p>As with {@link #submit}, every request without an idempotency key gets a random one, so a
     * batch sent again after a broken connection creates each task once.
     */
    public List<TaskView> submitBatch(List<SubmitTaskRequest> requests) {
        TaskList reply = transport.send("POST", "/v1/tasks/batch", keyedBatch(requests), TaskList.class);
        return reply == null || reply.tasks() == null ? List.of() : reply.tasks();
    }

    /**
     * As {@link #submitBatch}, answered with each task's id and state only ({@code Prefer: return=minimal}): for
     * submitters that do not read the tasks back, this saves the node and the client most of a large batch's cost.
     */
    public List<SubmittedTask> submitBatchMinimal(List<SubmitTaskRequest> requests) {
        SubmittedTaskList reply = transport.sendPreferringMinimal("POST", "/v1/tasks/batch", keyedBatch(requests),
                SubmittedTaskList.class);
        return reply == null || reply.tasks() == null ? List.of() : reply.tasks();
    }

    private BatchSubmitRequest keyedBatch(List<SubmitTaskRequest> requests) {
        return new BatchSubmitRequest(requests.stream()
                .map(r -> withKey(Objects.requireNonNull(r, "requests holds null"))).toList());
    }

    /** The task with this id as it is now. */
    public TaskView getTask(String taskId) {
        return transport.send("GET", taskPath(taskId), null, TaskView.class);
    }

    /**
     * Waits until the task is terminal or {@code timeout} has passed, long-polling the server, and
     * returns the task as last seen: check {@code state().isTerminal()} to tell the two apart.
     */
    public TaskView waitForTask(String taskId, Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remainingMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                return getTask(taskId);
            }
            long waitMs = Math.min(remainingMs, MAX_WAIT_PER_REQUEST_MS);
            String path = taskPath(taskId) + HttpTransport.query(Map.of("waitMs", waitMs));
            long sentNanos = System.nanoTime();
            TaskView task = transport.send("GET", path, null, TaskView.class,
                    transport.requestTimeout().plusMillis(waitMs));
            if (task.state() != null && task.state().isTerminal()) {
                return task;
            }
            if (System.nanoTime() - sentNanos < waitMs * 1_000_000 / 2) {
                pauseBeforeNextWait(deadlineNanos); // The server returned early: do not spin.
            }
        }
    }

    private static void pauseBeforeNextWait(long deadlineNanos) {
        long pauseMs = Math.min(EARLY_RETURN_PAUSE_MS, Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
        try {
            Thread.sleep(pauseMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonUnavailableException("waiting for the task was interrupted", e);
        }
    }

    /** One page of tasks, newest first; every filter may be null, {@code cursor} is the previous page's {@code nextCursor}. */
    public TaskList listTasks(TaskState state, String capability, Integer limit, String cursor) {
        Map<String, Object> params = HttpTransport.params();
        params.put("state", state == null ? null : state.wireName());
        params.put("capability", capability);
        params.put("limit", limit);
        params.put("cursor", cursor);
        return transport.send("GET", "/v1/tasks" + HttpTransport.query(params), null, TaskList.class);
    }

    /**
     * Scores a succeeded task's result from 0 (wrong) to 1 (right); the {@code thompson} router policy learns from
     * it. Once per task: the same score again is accepted unchanged (safe to repeat), a different one is a 409.
     */
    public FeedbackView feedback(String taskId, double score) {
        return transport.send("POST", taskPath(taskId) + "/feedback", new FeedbackRequest(score), FeedbackView.class);
    }

    /** Cancels the task (running attempts are told to stop) and returns it. */
    public TaskView cancelTask(String taskId) {
        return transport.send("POST", taskPath(taskId) + "/cancel", null, TaskView.class);
    }

    /**
     * Answers the question a task in {@code awaiting_input} is waiting on and returns the task, queued again. The
     * answer must satisfy the question's JSON Schema ({@link BatonApiException} 400 names the part at fault, such
     * as {@code answer/approved}); answering a task that is not waiting is a 409, except that sending the answer
     * already recorded again returns the task unchanged, so the call is safe to repeat.
     */
    public TaskView provideInput(String taskId, JsonNode answer) {
        return transport.send("POST", taskPath(taskId) + "/input",
                new dev.baton.api.ProvideInputRequest(Objects.requireNonNull(answer, "answer")), TaskView.class);
    }

    /**
     * Submits a workflow (a DAG of steps, see {@code docs/orchestration.md#workflows}); returns it running, or the
     * existing one when its idempotency key was seen before. As with {@link #submit}, a request without a key gets
     * a random one, so a resend after a broken connection starts the workflow once.
     */
    public WorkflowView submitWorkflow(SubmitWorkflowRequest request) {
        SubmitWorkflowRequest keyed = Objects.requireNonNull(request, "request").idempotencyKey() != null ? request
                : request.withIdempotencyKey(UUID.randomUUID().toString());
        return transport.send("POST", "/v1/workflows", keyed, WorkflowView.class);
    }

    /** The workflow with this id as it is now, with every step's state. */
    public WorkflowView getWorkflow(String workflowId) {
        return transport.send("GET", workflowPath(workflowId), null, WorkflowView.class);
    }

    /**
     * Polls the workflow every {@code 250 ms} until it is terminal or {@code timeout} has passed, and returns it as
     * last seen: check {@code state().isTerminal()} to tell the two apart.
     */
    public WorkflowView waitForWorkflow(String workflowId, Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        while (true) {
            WorkflowView workflow = getWorkflow(workflowId);
            if (workflow.state() != null && workflow.state().isTerminal() || System.nanoTime() >= deadlineNanos) {
                return workflow;
            }
            try {
                Thread.sleep(Math.min(250, Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatonUnavailableException("waiting for the workflow was interrupted", e);
            }
        }
    }

    /** One page of workflows, oldest first; every filter may be null, {@code cursor} is the previous page's. */
    public WorkflowList listWorkflows(WorkflowState state, String tenant, Integer limit, String cursor) {
        Map<String, Object> params = HttpTransport.params();
        params.put("state", state == null ? null : state.wireName());
        params.put("tenant", tenant);
        params.put("limit", limit);
        params.put("cursor", cursor);
        return transport.send("GET", "/v1/workflows" + HttpTransport.query(params), null, WorkflowList.class);
    }

    /** Cancels the workflow (its running steps' tasks are cancelled, pending steps skipped) and returns it. */
    public WorkflowView cancelWorkflow(String workflowId) {
        return transport.send("POST", workflowPath(workflowId) + "/cancel", null, WorkflowView.class);
    }

    private static String workflowPath(String workflowId) {
        return "/v1/workflows/" + HttpTransport.encode(requireId(workflowId));
    }

    /** The registered agents. */
    public AgentList agents() {
        return transport.send("GET", "/v1/agents", null, AgentList.class);
    }

    /** The Raft cluster as the answering node sees it. */
    public ClusterView cluster() {
        return transport.send("GET", "/v1/cluster", null, ClusterView.class);
    }

    /**
     * Adds a node (started with {@code --join}) as a voting member; {@code address} is
     * {@code host:httpPort[:raftPort]}. Returns the cluster once the new configuration is committed.
     */
    public ClusterView addNode(String nodeId, String address) {
        return transport.send("POST", "/v1/cluster/nodes", new AddNodeRequest(requireId(nodeId), address),
                ClusterView.class, ADMIN_TIMEOUT);
    }

    /** Removes a member; returns the cluster once the new configuration is committed. */
    public ClusterView removeNode(String nodeId) {
        return transport.send("DELETE", "/v1/cluster/nodes/" + HttpTransport.encode(requireId(nodeId)), null,
                ClusterView.class, ADMIN_TIMEOUT);
    }

    /** Hands leadership to {@code nodeId}, or to the most up-to-date follower when null; returns the new leader. */
    public String transferLeadership(String nodeId) {
        JsonNode reply = transport.send("POST", "/v1/cluster/leader", new LeaderTransferRequest(nodeId),
                JsonNode.class, ADMIN_TIMEOUT);
        return reply == null ? null : reply.path("leader").asText(null);
    }

    /** What the node this client is talking to seals its log and snapshots with (key ids only). Admin, operator. */
    public EncryptionView encryption() {
        return transport.send("GET", "/v1/cluster/encryption", null, EncryptionView.class);
    }

    /** Takes a snapshot of the node this client is talking to now; returns the log index it covers. */
    public long takeSnapshot() {
        JsonNode reply = transport.send("POST", "/v1/cluster/snapshot", null, JsonNode.class, ADMIN_TIMEOUT);
        return reply == null ? 0 : reply.path("index").asLong();
    }

    /**
     * Downloads the newest snapshot of the node this client is talking to into {@code directory} (created if
     * needed) under its own name, checking its SHA-256 against the node's. Take a fresh one first with
     * {@link #takeSnapshot()} (on the same client, so the same node). Admin only.
     *
     * @throws java.io.UncheckedIOException when the file cannot be written or its checksum does not match
     */
    public SnapshotBackup downloadSnapshot(java.nio.file.Path directory) {
        try {
            java.nio.file.Files.createDirectories(directory);
            java.nio.file.Path partial = java.nio.file.Files.createTempFile(directory, "snapshot", ".part");
            try {
                var headers = transport.download("/v1/cluster/snapshot", partial, Duration.ofMinutes(30));
                String name = headers.firstValue("X-Baton-Snapshot-Name").orElse("");
                if (!name.matches("snapshot\\.\\d+_\\d+")) {
                    throw new java.io.IOException("the node sent no or an unexpected snapshot name '" + name + "'");
                }
                String expected = headers.firstValue("X-Baton-Snapshot-Sha256").orElse("");
                String actual = sha256(partial);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new java.io.IOException("the downloaded snapshot's SHA-256 " + actual + " does not match "
                            + "the node's " + expected + "; the transfer was corrupted, try again");
                }
                java.nio.file.Path file = directory.resolve(name);
                java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return new SnapshotBackup(file, name,
                        Long.parseLong(headers.firstValue("X-Baton-Snapshot-Term").orElse("0")),
                        Long.parseLong(headers.firstValue("X-Baton-Snapshot-Index").orElse("0")),
                        java.nio.file.Files.size(file), actual, transport.baseUrl());
            } finally {
                java.nio.file.Files.deleteIfExists(partial);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("snapshot download into " + directory + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static String sha256(java.nio.file.Path file) throws java.io.IOException {
        try (var in = new java.security.DigestInputStream(java.nio.file.Files.newInputStream(file),
                java.security.MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return java.util.HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * {@code GET /health} of the current node (the next one when it cannot be reached), unauthenticated; a
     * 503 is returned as an unhealthy {@link Health}, not thrown.
     */
    public Health health() {
        return probe("/health");
    }

    /**
     * {@code GET /ready} of the current node (the next one when it cannot be reached), unauthenticated; a
     * 503 is returned as a not-ready {@link Health}, not thrown.
     */
    public Health ready() {
        return probe("/ready");
    }

    /** Creates an API key; the reply carries the token, which the server never shows again. */
    public ApiKeyView createKey(String name, Role role) {
        return createKey(name, role, null, null);
    }

    /**
     * Creates an API key confined to {@code tenant} (null: every tenant) that stops working at {@code expiresAt}
     * (null: never); the reply carries the token, which the server never shows again.
     */
    public ApiKeyView createKey(String name, Role role, String tenant, java.time.Instant expiresAt) {
        return transport.send("POST", "/v1/keys", new ApiKeyRequest(name, role, tenant,
                expiresAt == null ? null : expiresAt.toString()), ApiKeyView.class);
    }

    /**
     * Gives a key a new token (in the reply, shown once); the replaced token keeps working for {@code graceMs}
     * (null: the server's default of one hour; 0: stops at once).
     */
    public ApiKeyView rotateKey(String keyId, Long graceMs) {
        return transport.send("POST", "/v1/keys/" + HttpTransport.encode(requireId(keyId)) + "/rotate",
                new dev.baton.api.RotateKeyRequest(graceMs), ApiKeyView.class);
    }

    /**
     * One page of the audit trail, oldest first: entries after seq {@code afterSeq} (0: from the oldest kept),
     * at most {@code limit}, matching {@code filters} (query names {@code principal}, {@code action},
     * {@code resource}, {@code outcome}, {@code since}; may be empty).
     */
    public dev.baton.api.AuditPage audit(long afterSeq, int limit, java.util.Map<String, String> filters) {
        StringBuilder query = new StringBuilder("/v1/audit?afterSeq=").append(afterSeq).append("&limit=")
                .append(limit);
        filters.forEach((name, value) -> query.append('&').append(HttpTransport.encode(name)).append('=')
                .append(HttpTransport.encode(value)));
        return transport.send("GET", query.toString(), null, dev.baton.api.AuditPage.class);
    }

    /** The API keys, without their tokens. */
    public ApiKeyList listKeys() {
        return transport.send("GET", "/v1/keys", null, ApiKeyList.class);
    }

    /** Revokes an API key at once. */
    public void revokeKey(String keyId) {
        transport.send("DELETE", "/v1/keys/" + HttpTransport.encode(requireId(keyId)), null, Void.class);
    }

    /**
     * Creates or replaces a tenant's settings (admin); null fields of {@code settings} take the server defaults.
     * Safe to repeat: the same body twice has the effect of once.
     */
    public TenantView setTenant(String name, TenantRequest settings) {
        return transport.send("PUT", "/v1/tenants/" + HttpTransport.encode(requireId(name)), settings,
                TenantView.class);
    }

    /** Configured tenants and tenants with tasks or spend, with spend this period, by name. */
    public TenantList tenants() {
        return transport.send("GET", "/v1/tenants", null, TenantList.class);
    }

    /** One tenant's effective settings, spend this period and tasks; any name answers (with the defaults). */
    public TenantView tenant(String name) {
        return transport.send("GET", "/v1/tenants/" + HttpTransport.encode(requireId(name)), null, TenantView.class);
    }

    /** Removes a tenant's settings (admin); it falls back to the server defaults. */
    public void deleteTenant(String name) {
        transport.send("DELETE", "/v1/tenants/" + HttpTransport.encode(requireId(name)), null, Void.class);
    }

    /** Releases the client's connections and threads; calls in flight fail, later calls fail at once. */
    @Override
    public void close() {
        transport.shutdownNow();
    }

    private Health probe(String path) {
        HttpTransport.Reply reply = transport.probe(path);
        JsonNode body;
        try {
            body = BatonJson.parse(reply.body());
        } catch (IllegalArgumentException e) {
            body = TextNode.valueOf(reply.body() == null ? "" : reply.body());
        }
        return new Health(reply.status(), body);
    }

    /** The request when it has an idempotency key (a blank one is for the server to refuse), else a keyed copy. */
    private static SubmitTaskRequest withKey(SubmitTaskRequest r) {
        if (r.idempotencyKey() != null) {
            return r;
        }
        return r.withIdempotencyKey(UUID.randomUUID().toString());
    }

    private static String taskPath(String taskId) {
        return "/v1/tasks/" + HttpTransport.encode(requireId(taskId));
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an id is required");
        }
        return id;
    }

    /** Settings for a {@link BatonClient}; not thread-safe, build once. */
    public static final class Builder {
        private final NodeList nodes;
        private String token;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration failoverWindow = DEFAULT_FAILOVER_WINDOW;
        private javax.net.ssl.SSLContext tls;

        private Builder(NodeList nodes) {
            this.nodes = nodes;
        }

        /**
         * The TLS context for {@code https://} nodes, e.g. {@link ClientTls#context} trusting the cluster's CA;
         * null (the default) uses the JDK's default CAs.
         */
        public Builder tls(javax.net.ssl.SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /** The bearer token sent on every call but the health probes; null sends none. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** How long one request may take before {@link BatonTimeoutException}; long polls add their wait to it. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long opening a connection may take before {@link BatonUnavailableException}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long one call keeps trying other nodes, counted from its first failure (15 s by default); zero
         * makes every call try once, though the next call still starts on the next node.
         */
        public Builder failoverWindow(Duration failoverWindow) {
            this.failoverWindow = requireNotNegative(failoverWindow, "failoverWindow");
            return this;
        }

        /** The client. */
        public BatonClient build() {
            return new BatonClient(new HttpTransport(nodes, token, requestTimeout, connectTimeout, failoverWindow,
                    tls));
        }

        static Duration requireNotNegative(Duration value, String name) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }

        static Duration requirePositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
