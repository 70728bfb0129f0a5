package dev.fjord.document.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Public addresses of documents: {@code <api url>/documents/<token>/<file name>}. The token (256 random bits) is the
 * only secret, like the signed blob URLs Lago hands out as {@code file_url}, so a link works in a browser or an email
 * without an API key. The API's own address is {@code LAGO_API_URL} (Lago's variable) when set, else the address
 * the current request came to.
 */
@Component
class DocumentUrls {
    static final String PATH = "/documents/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String apiUrl;

    DocumentUrls(@Value("${fjord.api-url:${LAGO_API_URL:}}") String apiUrl) {
        this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A file name made of the document number's safe characters: {@code ACM-001-001.pdf}. */
    static String fileName(String number) {
        String safe = number == null ? "" : number.replaceAll("[^A-Za-z0-9._-]", "_");
        return (safe.isEmpty() ? "document" : safe) + ".pdf";
    }

    String of(DocumentRepository.Link link) {
        return base() + PATH + link.token() + "/" + link.fileName();
    }

    private String base() {
        if (!apiUrl.isEmpty() || RequestContextHolder.getRequestAttributes() == null) {
            return apiUrl;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }
}
