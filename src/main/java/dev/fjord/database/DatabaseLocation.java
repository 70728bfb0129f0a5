package dev.fjord.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the database is: Lago's {@code postgresql://user:pass@host:port/db}, translated to JDBC terms. */
record DatabaseLocation(String jdbcUrl, String username, String password) {

    static DatabaseLocation fromLagoUrl(String databaseUrl) {
        URI uri;
        try {
            uri = URI.create(databaseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new DatabaseUnavailableException("DATABASE_URL is not a valid URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme) || uri.getHost() == null) {
            throw new DatabaseUnavailableException(
                    "DATABASE_URL must look like postgresql://user:password@host:port/database", null);
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseLocation("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database + query,
                username, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
