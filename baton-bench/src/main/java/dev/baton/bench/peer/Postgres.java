package dev.baton.bench.peer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the peers run on: each peer gets a schema of its own ({@code baton_bench_<peer>}), created empty
 * before the run and dropped after it, so a run leaves nothing behind and never touches other schemas. Durable as
 * the server is configured ({@code fsync} and {@code synchronous_commit}, read into the report).
 */
final class Postgres implements AutoCloseable {
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final String schema;

    /** Connects to {@code url} as {@code user} and (re)creates the peer's empty schema. */
    Postgres(String url, String user, String peer) throws SQLException {
        this.schema = "baton_bench_" + peer.replace('-', '_');
        dataSource.setUrl(url);
        dataSource.setUser(user);
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        dataSource.setCurrentSchema(schema);
    }

    DataSource dataSource() {
        return dataSource;
    }

    String schema() {
        return schema;
    }

    /** {@code fsync=..., synchronous_commit=...} as the server reports them. */
    String durability() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            var fsync = s.executeQuery("SHOW fsync");
            fsync.next();
            String f = fsync.getString(1);
            var sync = s.executeQuery("SHOW synchronous_commit");
            sync.next();
            return "PostgreSQL, fsync=" + f + ", synchronous_commit=" + sync.getString(1);
        }
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Drops the peer's schema. */
    @Override
    public void close() throws SQLException {
        dataSource.setCurrentSchema(null);
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
}
