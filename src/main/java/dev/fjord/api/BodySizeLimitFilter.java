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
 * Rejects bodies above {@link Limits#MAX_BODY_BYTES}: by Content-Length before reading, and by counting for chunked
 * bodies (the count overflow surfaces as an unreadable body, which the advice renders as 413).
 */
class BodySizeLimitFilter extends OncePerRequestFilter {
    private final JsonMapper json;

    BodySizeLimitFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > Limits.MAX_BODY_BYTES) {
            BillingError tooLarge = BillingError.payloadTooLarge(Limits.MAX_BODY_BYTES);
            response.setStatus(tooLarge.kind().status);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ErrorEnvelope.of(tooLarge));
            return;
        }
        chain.doFilter(new CountingRequest(request), response);
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
