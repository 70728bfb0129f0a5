package dev.fjord.document.internal;

import dev.fjord.shared.BillingError;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a document's PDF at its {@code file_url}. No API key: the unguessable token is the credential (see
 * {@link DocumentUrls}); a wrong token or file name is {@code 404 document_not_found} in Lago's envelope.
 */
@RestController
class DocumentController {
    private final DocumentRepository documents;

    DocumentController(DocumentRepository documents) {
        this.documents = documents;
    }

    @GetMapping(DocumentUrls.PATH + "{token}/{fileName}")
    ResponseEntity<byte[]> pdf(@PathVariable String token, @PathVariable String fileName) {
        DocumentRepository.Pdf pdf = documents.byToken(token).filter(found -> found.fileName().equals(fileName))
                .orElseThrow(() -> BillingError.notFound("document"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(pdf.fileName()).build()
                        .toString())
                // a document never changes once written; private: it is a customer's invoice
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                .body(pdf.content());
    }
}
