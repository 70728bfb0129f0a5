package dev.fjord.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What the document tests do with a PDF: fetch it as a browser would (no API key), draw its first page with poppler's
 * {@code pdftoppm} (installed by {@code .ci/run}) into {@code target/documents}, measure the ink, read its text.
 */
final class PdfFiles {
    private static final Path OUT = Path.of("target", "documents");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PdfFiles() {}

    static HttpResponse<byte[]> fetch(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The first page as a PNG under target/documents, as a reader's viewer would draw it. */
    static Path rasterize(byte[] pdf, String name) throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("pdftoppm", "-png", "-r", "110", "-singlefile", file.toString(),
                OUT.resolve(name).toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdftoppm finished").isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        Path png = OUT.resolve(name + ".png");
        assertThat(png).exists();
        return png;
    }

    /** The share of pixels that are not near-white: 0 is a blank page, 1 a black one. */
    static double inkRatio(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int darkest = Math.min((rgb >> 16) & 0xff, Math.min((rgb >> 8) & 0xff, rgb & 0xff));
                if (darkest < 200) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    /** The PDF's text, whitespace runs made single spaces so that a row reads as one string. */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
