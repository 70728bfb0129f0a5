package dev.fjord.organization;

/** A key just created: {@code value} is the full secret, available this once and never again. */
public record NewApiKey(ApiKey key, String value) {}
