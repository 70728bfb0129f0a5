package dev.fjord.api;

import dev.fjord.shared.BillingError;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place that turns errors into Lago's envelope. Client mistakes are 4xx; only our own bugs are 500. */
@RestControllerAdvice
class ApiErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler(BillingError.class)
    ResponseEntity<Map<String, Object>> billingError(BillingError e) {
        return render(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BillingError tooLarge) {
                return render(tooLarge);
            }
        }
        return render(BillingError.badRequest("request body is missing or is not valid JSON"));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, Object>> unknownRoute(Exception e) {
        return render(BillingError.notFound("resource"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return render(BillingError.notAllowed("method_not_allowed"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongContentType(HttpMediaTypeNotSupportedException e) {
        return render(BillingError.unsupportedMediaType());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return render(BillingError.badRequest("responses are always application/json"));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        return render(BillingError.badRequest("invalid query parameter"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> bug(Exception e) {
        log.error("unexpected error", e);
        return ResponseEntity.status(500).body(ErrorEnvelope.internalError());
    }

    private static ResponseEntity<Map<String, Object>> render(BillingError e) {
        return ResponseEntity.status(e.kind().status).body(ErrorEnvelope.of(e));
    }
}
