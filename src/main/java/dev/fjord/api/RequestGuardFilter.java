package dev.fjord.api;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stops requests no handler should see, before any of them runs: bodies above {@link Limits#MAX_BODY_BYTES} (by
 * Content-Length, and by counting chunked bodies: the overflow surfaces as an unreadable body, rendered as 413), and
 * query parameters that are not valid UTF-8 or hold NUL characters, which PostgreSQL text cannot store.
 */
class RequestGuardFilter extends OncePerRequestFilter {
    private final JsonMapper json;

    RequestGuardFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > Limits.MAX_BODY_BYTES) {
            reject(response, BillingError.payloadTooLarge(Limits.MAX_BODY_BYTES));
            return;
        }
        if (!hasReadableParameters(request)) {
            reject(response, BillingError.badRequest("query parameters must be UTF-8 text without NUL characters"));
            return;
        }
        chain.doFilter(new CountingRequest(request), response);
    }

    private static boolean hasReadableParameters(HttpServletRequest request) {
        try {
            for (String[] values : request.getParameterMap().values()) {
                for (String value : values) {
                    if (value.indexOf('\0') >= 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IllegalStateException undecodable) { // Tomcat's InvalidParameterException
            return false;
        }
    }

    private void reject(HttpServletResponse response, BillingError error) throws IOException {
        response.setStatus(error.kind().status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ErrorEnvelope.of(error));
    }

    private static final class CountingRequest extends HttpServletRequestWrapper {
        private ServletInputStream counted;

        CountingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingStream(super.getInputStream());
            }
            return counted;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        CountingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > Limits.MAX_BODY_BYTES) {
                throw BillingError.payloadTooLarge(Limits.MAX_BODY_BYTES);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
