package dev.baton.server.http;

import dev.baton.api.EventView;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/events}: this node's applied changes as server-sent events, filtered by type prefix, task, agent,
 * capability or tenant. Resumes after {@code Last-Event-ID} (or {@code ?after=<id>}, or {@code ?after=oldest} for
 * everything this node still holds); without either it starts from now. Every node serves it from its own apply
 * stream, and ids mean the same change on every node, so a client may reconnect anywhere.
 *
 * <p>Threading: one virtual thread per stream blocks on its subscriber queue; a comment line every
 * {@link #KEEP_ALIVE_SECONDS} keeps proxies and the client's idle timers from closing a quiet stream.
 */
final class EventRoutes {
    static final long KEEP_ALIVE_SECONDS = 10;
    private static final Set<String> FILTERS = Set.of("types", "taskId", "agentId", "capability", "tenant", "after",
            "stale");

    private final EventLog log;

    EventRoutes(EventLog log) {
        this.log = log;
    }

    void register(RouteTable table) {
        table.getLocal("/v1/events", Access.READ, this::stream);
    }

    private void stream(Context ctx, Principal principal) throws IOException {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!FILTERS.contains(name)) {
                throw ApiProblem.validation(name, "unknown query parameter '" + name + "'; accepted: "
                        + FILTERS.stream().sorted().toList());
            }
        }
        EventLog.Cursor after = cursor(ctx);
        EventLog.Subscription subscription = log.subscribe(filter(ctx, principal), after);
        if (subscription == null) {
            throw ApiProblem.unavailable("this node already serves " + EventLog.MAX_SUBSCRIBERS
                    + " event streams; try another node or later");
        }
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            EventLog.Cursor sent = after != null ? after : log.newest();
            write(out, "retry: 2000\n");
            write(out, frame(new EventView(null, "stream.open", null, null, null, null, null, null, null, null, null),
                    sent == EventLog.Cursor.NONE ? null : sent));
            for (EventView view : subscription.backlog()) {
                sent = send(out, view, sent);
            }
            out.flush();
            while (true) {
                EventView next = subscription.live().queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (next == null) {
                    write(out, ": keep-alive\n\n");
                } else if (next == EventLog.END) {
                    if (subscription.live().overflowed) {
                        write(out, frame(new EventView(null, "stream.overflow", null, null, null, null, null, null,
                                null, "this client fell " + EventLog.SUBSCRIBER_QUEUE
                                + " events behind; reconnect with Last-Event-ID to resume", null), null));
                    }
                    out.flush();
                    return;
                } else {
                    sent = send(out, next, sent);
                    while ((next = subscription.live().queue.poll()) != null && next != EventLog.END) {
                        sent = send(out, next, sent);
                    }
                    if (next == EventLog.END) {
                        subscription.live().queue.offer(EventLog.END);
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            log.unsubscribe(subscription.live());
        }
    }

    /** Writes {@code view} unless a replayed copy of it was already sent; returns the new last-sent id. */
    private static EventLog.Cursor send(OutputStream out, EventView view, EventLog.Cursor sent) throws IOException {
        EventLog.Cursor id = EventLog.Cursor.parse(view.id());
        if (id != null && sent != null && id.compareTo(sent) <= 0) {
            return sent;
        }
        write(out, frame(view, id));
        return id != null ? id : sent;
    }

    static String frame(EventView view, EventLog.Cursor id) {
        StringBuilder b = new StringBuilder(256);
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        return b.append("event: ").append(view.type()).append('\n')
                .append("data: ").append(new String(Json.write(view), StandardCharsets.UTF_8)).append("\n\n")
                .toString();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static EventLog.Cursor cursor(Context ctx) {
        String after = ctx.queryParam("after");
        String lastEventId = ctx.header("Last-Event-ID");
        String raw = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if ("oldest".equals(raw)) {
            return EventLog.Cursor.NONE;
        }
        EventLog.Cursor cursor = EventLog.Cursor.parse(raw.strip());
        if (cursor == null) {
            throw ApiProblem.validation(lastEventId != null ? "Last-Event-ID" : "after", "'" + raw
                    + "' is not an event id (<logIndex>.<position>) or 'oldest'");
        }
        return cursor;
    }

    /** The query's filters; a tenant-scoped key sees only its tenant's events (and naming another is a 403). */
    private static Predicate<EventView> filter(Context ctx, Principal principal) {
        List<String> types = csv(ctx.queryParam("types"));
        String taskId = ctx.queryParam("taskId");
        String agentId = ctx.queryParam("agentId");
        String capability = ctx.queryParam("capability");
        String tenant = ctx.queryParam("tenant");
        if (principal.tenant() != null) {
            if (tenant != null && !tenant.equals(principal.tenant())) {
                throw ApiProblem.forbidden("tenant", "key '" + principal.name() + "' sees only tenant '"
                        + principal.tenant() + "', not '" + tenant + "'");
            }
            tenant = principal.tenant();
        }
        String scopedTenant = tenant;
        return view -> (types.isEmpty() || types.stream().anyMatch(t -> view.type().equals(t)
                || view.type().startsWith(t + ".")))
                && (taskId == null || taskId.equals(view.taskId()))
                && (agentId == null || agentId.equals(view.agentId()))
                && (capability == null || capability.equals(view.capability()))
                && (scopedTenant == null || scopedTenant.equals(view.tenant()));
    }

    private static List<String> csv(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toList());
    }
}
