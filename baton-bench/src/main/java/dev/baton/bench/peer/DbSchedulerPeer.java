package dev.baton.bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * db-scheduler on PostgreSQL: one scheduler in this process with {@link #THREADS} worker threads, immediate
 * execution on, a 100 ms polling interval and lock-and-fetch polling (what its documentation recommends for
 * throughput on PostgreSQL), executing {@code jobs} one-time no-op
 * tasks scheduled in batches of 1,000. A job counts as done when its handler returned; db-scheduler then deletes its
 * row in the same transaction that marks it complete, so the count lags the durable state by one commit at most.
 */
final class DbSchedulerPeer {
    static final String NAME = "db-scheduler";
    static final int THREADS = 32;
    private static final String DDL = """
            CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,
              execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,
              last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE, consecutive_failures INT,
              last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL, priority SMALLINT,
              PRIMARY KEY (task_name, task_instance));
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)""";

    private DbSchedulerPeer() {}

    static PeerResult run(int jobs, Duration timeout, String pgUrl, String pgUser) throws Exception {
        try (Postgres pg = new Postgres(pgUrl, pgUser, NAME)) {
            pg.execute(DDL);
            AtomicLong done = new AtomicLong();
            OneTimeTask<Void> noop = Tasks.oneTime("bench-noop").execute((instance, ctx) -> done.incrementAndGet());
            Scheduler scheduler = Scheduler.create(pg.dataSource(), noop).threads(THREADS)
                    .pollingInterval(Duration.ofMillis(100)).pollUsingLockAndFetch(0.5, 1.0)
                    .enableImmediateExecution().build();
            scheduler.start();
            try {
                long started = System.nanoTime();
                Instant now = Instant.now();
                for (int from = 0; from < jobs; from += 1_000) {
                    List<TaskInstance<?>> batch = new ArrayList<>();
                    for (int i = from; i < Math.min(jobs, from + 1_000); i++) {
                        batch.add(noop.instance("job-" + i));
                    }
                    scheduler.scheduleBatch(batch, now);
                }
                return Peers.await(NAME, Versions.of(NAME), pg.durability(), jobs, done, started, timeout);
            } finally {
                scheduler.stop();
            }
        }
    }
}
