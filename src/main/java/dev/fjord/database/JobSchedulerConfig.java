package dev.fjord.database;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler runs the recurring jobs on the shared {@code scheduled_tasks} table. Each instance names itself
 * host + random suffix unless {@code db-scheduler.scheduler-name} is set: two instances on one host (or two contexts
 * in one test JVM) must not share a name, or one would take the other's executions for its own after a restart.
 */
@Configuration
@ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "true", matchIfMissing = true)
class JobSchedulerConfig {
    @Bean
    DbSchedulerCustomizer schedulerInstanceName(@Value("${db-scheduler.scheduler-name:}") String configured) {
        String name = configured.isBlank() ? hostName() + "-" + UUID.randomUUID().toString().substring(0, 8) : configured;
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(new SchedulerName.Fixed(name));
            }
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "fjord";
        }
    }
}
