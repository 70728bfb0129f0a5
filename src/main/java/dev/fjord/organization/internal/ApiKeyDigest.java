package dev.fjord.organization.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys are long random secrets, so a plain SHA-256 is enough to store them (no salt or slow hash needed, unlike
 * passwords) and keeps the per-request lookup an indexed equality.
 */
final class ApiKeyDigest {
    static final int PREFIX_LENGTH = 8;

    private ApiKeyDigest() {}

    static String of(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String prefix(String apiKey) {
        return apiKey.substring(0, Math.min(PREFIX_LENGTH, apiKey.length()));
    }
}
