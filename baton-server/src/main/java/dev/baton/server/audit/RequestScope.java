package dev.baton.server.audit;

import dev.baton.core.command.RequestStamp;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The API request a thread is working for, so that commands proposed on its behalf carry it (see
 * {@link AuditingCommandLog}). The HTTP layer opens a scope around a write; {@code Control} carries the scope from
 * the request thread onto its control thread for the work it does there.
 *
 * <p>Threading: a thread-local; {@link Active} counts proposals atomically because the request thread and the
 * control thread both see it.
 */
public final class RequestScope {
    private static final ThreadLocal<Active> CURRENT = new ThreadLocal<>();

    private RequestScope() {}

    /** One request in progress: its stamp and how many commands were proposed for it. */
    public static final class Active {
        private final RequestStamp stamp;
        private final AtomicInteger proposed = new AtomicInteger();

        public Active(RequestStamp stamp) {
            this.stamp = stamp;
        }

        public RequestStamp stamp() {
            return stamp;
        }

        /** Commands proposed for this request so far. */
        public int proposed() {
            return proposed.get();
        }

        void countProposal() {
            proposed.incrementAndGet();
        }
    }

    /** The request this thread works for, or null. */
    public static Active current() {
        return CURRENT.get();
    }

    /** Makes {@code request} this thread's request; returns the one it replaces, for {@link #restore}. */
    public static Active enter(Active request) {
        Active previous = CURRENT.get();
        CURRENT.set(request);
        return previous;
    }

    /** Undoes {@link #enter}. */
    public static void restore(Active previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** Runs {@code work} as part of {@code request} (null: as part of none), restoring the previous scope after. */
    public static <T> T within(Active request, Supplier<T> work) {
        Active previous = enter(request);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }
}
