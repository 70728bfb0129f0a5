package dev.fjord.organization;

/** What bootstrap (or a test) needs to open an organization: its name, one API key and one admin user. */
public record NewOrganization(String name, String apiKey, String adminEmail, String adminPassword) {}
