package dev.fjord.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Errors Tomcat answers itself, before any filter runs (a malformed URL, an encoded NUL in a path), get Lago's JSON
 * envelope instead of Tomcat's HTML page: clients parse every error body the same way.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        String body = status == 404
                ? "{\"status\":404,\"error\":\"Not Found\",\"code\":\"resource_not_found\"}"
                : status >= 500
                        ? "{\"status\":" + status + ",\"error\":\"Internal Server Error\"}"
                        : "{\"status\":" + status + ",\"error\":\"BadRequest: the request could not be read\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already started; nothing more can be said to the client.
        }
    }
}
