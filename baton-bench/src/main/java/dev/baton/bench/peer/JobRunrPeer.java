package dev.baton.bench.peer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

/**
 * JobRunr on PostgreSQL: one background job server in this process with {@link #WORKERS} workers and its shortest
 * allowed poll interval, executing {@code jobs} no-op jobs enqueued as one stream (JobRunr saves them in batches).
 * A job counts as done when its method returned; JobRunr then records it succeeded in PostgreSQL.
 */
public final class JobRunrPeer {
    static final String NAME = "jobrunr";
    static final int WORKERS = 32;
    /** Jobs whose method ran; read by the bench, written by JobRunr's workers. */
    static final AtomicLong DONE = new AtomicLong();

    private JobRunrPeer() {}

    /** The job JobRunr runs (it must be a public static method it can find by reflection). */
    public static void noop(int index) {
        DONE.incrementAndGet();
    }

    static PeerResult run(int jobs, Duration timeout, String pgUrl, String pgUser) throws Exception {
        try (Postgres pg = new Postgres(pgUrl, pgUser, NAME)) {
            DONE.set(0);
            PostgresStorageProvider storage = new PostgresStorageProvider(pg.dataSource());
            JobRunrConfiguration.JobRunrConfigurationResult jobRunr = JobRunr.configure()
                    .useStorageProvider(storage)
                    .useBackgroundJobServer(BackgroundJobServerConfiguration
                            .usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(WORKERS).andPollInterval(Duration.ofSeconds(5)))
                    .initialize();
            try {
                JobScheduler scheduler = jobRunr.getJobScheduler();
                long started = System.nanoTime();
                scheduler.enqueue(IntStream.range(0, jobs).boxed(), i -> JobRunrPeer.noop(i));
                return Peers.await(NAME, Versions.of(NAME), pg.durability(), jobs, DONE, started, timeout);
            } finally {
                JobRunr.destroy();
                storage.close();
            }
        }
    }
}
