package dev.fjord.shared;

import java.net.URI;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The value formats Lago validates (ISO 4217, IANA zones, ISO 3166, e-mail, URL, ISO 639-1). */
public final class Formats {
    private Formats() {}

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

    public static boolean isCurrency(String code) {
        if (code == null || !CURRENCY_CODE.matcher(code).matches()) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** IANA zone names such as {@code Europe/Paris} or {@code UTC}; offsets like {@code +02:00} are not zones. */
    public static boolean isTimezone(String zone) {
        return zone != null && ZONES.contains(zone);
    }

    /** ISO 3166-1 alpha-2, compared upper-case (Lago stores it upper-case). */
    public static boolean isCountry(String code) {
        return code != null && code.length() == 2 && COUNTRIES.contains(code.toUpperCase(Locale.ROOT));
    }

    /** One e-mail address (a person's sign-in). */
    public static boolean isEmail(String value) {
        return value != null && EMAIL.matcher(value.strip()).matches();
    }

    /** Lago accepts several addresses separated by commas in one e-mail field. */
    public static boolean isEmailList(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        for (String part : value.split(",")) {
            if (!EMAIL.matcher(part.strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception invalid) {
            return false;
        }
    }

    /** Document locales are ISO 639-1 language codes such as {@code en} or {@code fr}. */
    public static boolean isDocumentLocale(String code) {
        return code != null && code.length() == 2 && LANGUAGES.contains(code);
    }
}
