package dev.fjord.database;

/** The configured database cannot be used; the message is the one line an operator needs. */
class DatabaseUnavailableException extends RuntimeException {
    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
