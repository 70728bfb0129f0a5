package dev.fjord.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a database failure at start-up into one clear line instead of a stack trace. */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnavailableException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check DATABASE_URL (postgresql://user:password@host:port/database) or spring.datasource.*, "
                        + "or unset both to use the embedded database.",
                cause);
    }
}
