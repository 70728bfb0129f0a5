package dev.fjord.organization.internal;

import dev.fjord.organization.NewOrganization;
import dev.fjord.organization.Organizations;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database, opens the first organization from Lago's self-hosting variables, or from generated values
 * printed once. An advisory lock makes concurrent first starts of several instances create exactly one.
 */
@Component
class OrganizationBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(OrganizationBootstrap.class);
    private static final long BOOTSTRAP_LOCK = 0x666a6f7264L; // "fjord"

    private final Organizations organizations;
    private final OrganizationRepository repository;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String name;
    private final String apiKey;
    private final String email;
    private final String password;

    OrganizationBootstrap(Organizations organizations, OrganizationRepository repository, JdbcClient jdbc,
            TransactionTemplate transaction,
            @Value("${LAGO_ORG_NAME:}") String name,
            @Value("${LAGO_ORG_API_KEY:}") String apiKey,
            @Value("${LAGO_ORG_USER_EMAIL:}") String email,
            @Value("${LAGO_ORG_USER_PASSWORD:}") String password) {
        this.organizations = organizations;
        this.repository = repository;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.name = name;
        this.apiKey = apiKey;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(BOOTSTRAP_LOCK).query(Object.class).single();
            if (repository.count() == 0) {
                createFirstOrganization();
            }
        });
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void createFirstOrganization() {
        NewOrganization first = new NewOrganization(
                name.isBlank() ? "Fjord" : name,
                apiKey.isBlank() ? UUID.randomUUID().toString() : apiKey,
                email.isBlank() ? "admin@fjord.local" : email,
                password.isBlank() ? generatedPassword() : password);
        organizations.create(first);
        log.info("Created organization '{}' with admin user {}", first.name(), first.adminEmail());
        if (apiKey.isBlank()) {
            log.warn("Generated API key (shown once, store it now): {}", first.apiKey());
        }
        if (password.isBlank()) {
            log.warn("Generated password for {} (shown once, store it now): {}", first.adminEmail(), first.adminPassword());
        }
    }
}
