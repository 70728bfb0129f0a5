package dev.fjord.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian chromium for a test class (starting it costs about a second), driven by what a person sees:
 * labels, button texts, names of fields. Screenshots go to {@code target/screenshots} for review.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration NAVIGATION = Duration.ofSeconds(30); // generous: CI machines are shared

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    Browser(int port) {
        try {
            profile = Files.createTempDirectory("fjord-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        base = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    void fill(String name, String value) {
        WebElement input = driver.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    /** Fills the input of the field whose visible label is {@code label} (labels wrap their inputs). */
    void fillLabelled(String label, String value) {
        WebElement input = driver.findElement(By.xpath(
                "//label[span[normalize-space()='" + label + "']]//input"));
        input.clear();
        input.sendKeys(value);
    }

    /** Fills the input named by its {@code aria-label} (inputs in table cells have no visible label of their own). */
    void fillAria(String label, String value) {
        WebElement input = driver.findElement(By.cssSelector("[aria-label='" + label + "']"));
        input.clear();
        input.sendKeys(value);
    }

    /** Sets an input's value as a script would: date-time pickers take no typed text in a portable way. */
    void setValue(String name, String value) {
        driver.executeScript("arguments[0].value = arguments[1];", driver.findElement(By.name(name)), value);
    }

    void tick(String name, String value) {
        driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).click();
    }

    void select(String name, String visibleText) {
        new Select(driver.findElement(By.name(name))).selectByVisibleText(visibleText);
    }

    /** Picks an option of the select named by its {@code aria-label}. */
    void selectAria(String label, String visibleText) {
        new Select(driver.findElement(By.cssSelector("select[aria-label='" + label + "']"))).selectByVisibleText(visibleText);
    }

    void fillIn(String formId, String name, String value) {
        WebElement input = driver.findElement(By.cssSelector("#" + formId + " [name='" + name + "']"));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks a button or link and waits for the page it leads to (every click in these journeys navigates). */
    void click(String text) {
        navigateBy(driver.findElement(By.xpath("//*[self::button or self::a][normalize-space()='" + text + "']")));
    }

    /** Clicks the button or link named by its {@code aria-label} (one of several alike, such as a row's "Remove"). */
    void clickAria(String label) {
        navigateBy(driver.findElement(By.cssSelector("button[aria-label='" + label + "'], a[aria-label='" + label + "']")));
    }

    void clickIn(String formId, String text) {
        navigateBy(driver.findElement(By.xpath("//*[@id='" + formId + "']//button[normalize-space()='" + text + "']")));
    }

    /**
     * Clicks the button named by its {@code aria-label} or text, which draws part of the page again in place (htmx),
     * and waits for the element {@code regionId} to be replaced.
     */
    void clickRedrawing(String label, String regionId) {
        redrawBy(regionId, () -> driver.findElement(By.xpath("//button[@aria-label='" + label + "' or normalize-space()='"
                + label + "']")).click());
    }

    /** Picks an option of the select named {@code name}, whose change draws {@code regionId} again (htmx). */
    void selectRedrawing(String name, String visibleText, String regionId) {
        redrawBy(regionId, () -> new Select(driver.findElement(By.name(name))).selectByVisibleText(visibleText));
    }

    /** Ticks the box {@code name}/{@code value}; true once it is ticked. */
    boolean ticked(String name, String value) {
        return driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).isSelected();
    }

    /** The current value of the input named {@code name} (the first, when several share the name). */
    String value(String name) {
        return driver.findElement(By.name(name)).getDomProperty("value");
    }

    /** The texts of the elements matching {@code css}, none when there is none. */
    java.util.List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /**
     * Clicks the button {@code text}, which asks a question first (a JavaScript confirm()), answers it, and when
     * accepted waits for the page it leads to; returns the question asked.
     */
    String clickAndAnswer(String text, boolean accept) {
        WebElement current = driver.findElement(By.tagName("html"));
        driver.findElement(By.xpath("//button[normalize-space()='" + text + "']")).click();
        var question = new WebDriverWait(driver, NAVIGATION).until(ExpectedConditions.alertIsPresent());
        String asked = question.getText();
        if (accept) {
            question.accept();
            waitUntilGone(current);
        } else {
            question.dismiss();
        }
        return asked;
    }

    private void redrawBy(String regionId, Runnable action) {
        WebElement current = driver.findElement(By.id(regionId));
        action.run();
        waitUntilGone(current);
        new WebDriverWait(driver, NAVIGATION).until(ExpectedConditions.presenceOfElementLocated(By.id(regionId)));
    }

    private void navigateBy(WebElement target) {
        WebElement current = driver.findElement(By.tagName("html"));
        target.click();
        waitUntilGone(current);
    }

    /**
     * Waits until {@code element} has left the page. Chromedriver sometimes answers a node removed mid-check with
     * "Node with given id does not belong to the document" instead of a stale-element error: that is gone too.
     */
    private void waitUntilGone(WebElement element) {
        new WebDriverWait(driver, NAVIGATION).until(page -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** Runs a script with the first element matching {@code css} as {@code arguments[0]}; returns its result. */
    Object script(String script, String css) {
        return driver.executeScript(script, driver.findElement(By.cssSelector(css)));
    }

    /** The current value of the input whose visible label is {@code label}. */
    String valueLabelled(String label) {
        return driver.findElement(By.xpath("//label[span[normalize-space()='" + label + "']]//input")).getDomProperty("value");
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    String href(String css) {
        return driver.findElement(By.cssSelector(css)).getAttribute("href");
    }

    String page() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void signOut() {
        driver.manage().deleteAllCookies();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
