package dev.fjord.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.fjord.FjordApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** Another Fjord instance in this JVM on the test database (whether embedded or external), on its own port. */
public final class OtherInstance {
    private OtherInstance() {}

    /** Starts it with {@code beans} registered first (a clock, say) and the given command-line arguments. */
    public static ConfigurableApplicationContext start(HikariDataSource database, Consumer<GenericApplicationContext> beans,
            List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--DATABASE_URL=",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + nullToEmpty(database.getUsername()),
                "--spring.datasource.password=" + nullToEmpty(database.getPassword())));
        all.addAll(arguments);
        return new SpringApplicationBuilder(FjordApplication.class)
                .initializers(context -> beans.accept((GenericApplicationContext) context))
                .run(all.toArray(String[]::new));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
