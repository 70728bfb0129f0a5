package dev.fjord.document.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * HTML to PDF in process: a Thymeleaf template under {@code resources/documents} becomes HTML, jsoup turns it into a
 * DOM, openhtmltopdf lays it out on A4 with the DejaVu Sans font shipped in the jar (embedded, subset), so any
 * Unicode name prints and nothing depends on the fonts of the machine.
 */
@Component
class PdfRenderer {
    private static final String FOLDER = "documents/";
    private static final String FONT_FAMILY = "DejaVu Sans";

    private final TemplateEngine templates = new TemplateEngine();
    private final String css;

    PdfRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PdfRenderer.class.getClassLoader());
        resolver.setPrefix(FOLDER);
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        templates.setTemplateResolver(resolver);
        css = new String(bytes(FOLDER + "document.css"), StandardCharsets.UTF_8);
    }

    /** The PDF of template {@code name} (under {@code resources/documents}) filled with {@code variables}. */
    byte[] render(String name, Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("css", css);
        String html = templates.process(name, new Context(Locale.ENGLISH, all));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useFont(() -> stream(FOLDER + "fonts/DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> stream(FOLDER + "fonts/DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.withW3cDocument(W3CDom.convert(Jsoup.parse(html)), null);
        builder.toStream(pdf);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    private static InputStream stream(String resource) {
        InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return in;
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
