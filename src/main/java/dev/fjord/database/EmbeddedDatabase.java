package dev.fjord.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL used when no database is configured. Its data directory persists across restarts.
 * A crash can leave a {@code postmaster.pid} behind, or even a running server whose JVM died; both are cleared
 * before starting so the next start never fails because of the last one.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path directory) {
        Path dataDirectory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDirectory);
            clearLeftoverServer(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(),
                    dataDirectory.toAbsolutePath());
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException(
                    "Embedded PostgreSQL could not start in " + dataDirectory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    DatabaseLocation location() {
        return new DatabaseLocation(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** Removes a stale pid file, or stops a server a crashed JVM left running on this directory. */
    static void clearLeftoverServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = pid.get() <= 0 ? Optional.empty()
                : ProcessHandle.of(pid.get()).filter(p -> isPostgresOf(p, dataDirectory));
        if (process.isEmpty()) {
            log.warn("Removing stale {} (process {} is gone)", pidFile, pid.get());
            Files.deleteIfExists(pidFile);
            return;
        }
        log.warn("Stopping an embedded PostgreSQL left running by a previous crash (pid {})", pid.get());
        // SIGTERM on the postmaster is PostgreSQL's "smart" shutdown; nothing is connected to an orphan.
        process.get().destroy();
        try {
            process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("a previous embedded PostgreSQL (pid " + pid.get() + ") did not stop", e);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.of(-1L) : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException garbage) {
            return Optional.of(-1L);
        }
    }

    /** The pid must still be a postgres process serving this directory: pids get reused after a reboot. */
    private static boolean isPostgresOf(ProcessHandle process, Path dataDirectory) {
        try {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                    .replace('\0', ' ');
            return commandLine.contains("postgres") && commandLine.contains(dataDirectory.toString());
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
