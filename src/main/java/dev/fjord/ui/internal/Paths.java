package dev.fjord.ui.internal;

import org.springframework.web.util.UriUtils;

/** Ids in redirect URLs: external ids are free text chosen by the merchant. */
final class Paths {
    private Paths() {}

    static String segment(String id) {
        return UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
    }
}
