package dev.fjord.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/** Starts an embedded PostgreSQL on a directory and halts the JVM without stopping it: a crash, on purpose. */
public final class OrphanServer {
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
        Runtime.getRuntime().halt(0);
    }
}
