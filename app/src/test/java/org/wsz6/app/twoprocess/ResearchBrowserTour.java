package org.wsz6.app.twoprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wsz6.app.e2e.HeadlessChromium;
import org.wsz6.app.e2e.PortalProcess;

/**
 * The research panel in a real browser, on the two-process portal: a researcher signs in,
 * annotates, steps through the replay with the keyboard, creates an API token and runs the
 * Python example of docs/research-api.md with it. Saves docs/screenshots/research-*.png.
 */
final class ResearchBrowserTour {

    private ResearchBrowserTour() {
    }

    static void run(PortalProcess admin, String password, String sessionId, String ptId) throws Exception {
        WebDriver driver = HeadlessChromium.start(1280, 900);
        try {
            String base = admin.baseUrl();
            driver.get(base + "/login");
            driver.findElement(By.name("username")).sendKeys("admin");
            driver.findElement(By.name("password")).sendKeys(password);
            driver.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));

            driver.get(base + "/research/sessions/" + sessionId);
            driver.findElement(By.id("note-body")).sendKeys("X opened in the corner and won in five moves.");
            driver.findElement(By.name("shared")).click();
            driver.findElement(By.cssSelector("#note-body ~ .actions button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Annotation saved"));

            driver.get(base + "/research");
            assertThat(driver.getPageSource()).contains(sessionId);
            shot(driver, "research-dashboard", 1280, 900);

            driver.get(base + "/research/sessions/" + sessionId);
            assertThat(driver.getPageSource()).contains("Log verified").contains("won in five moves");
            shot(driver, "research-session", 1280, 1250);

            driver.get(base + "/research/sessions/" + sessionId + "/playthroughs/" + ptId + "/replay?i=3");
            driver.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("i=4"));
            assertThat(driver.findElements(By.cssSelector("iframe.vis[sandbox='']"))).isNotEmpty();
            assertThat(driver.getPageSource()).contains("Event 5 of");
            shot(driver, "research-replay", 1280, 1350);
            shot(driver, "research-replay-phone", 390, 1600);

            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(base + "/research/tokens");
            driver.findElement(By.id("name")).sendKeys("docs example");
            driver.findElement(By.cssSelector("#name ~ .actions button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("token-value")).isEmpty());
            String token = driver.findElement(By.id("token-value")).getAttribute("value");
            assertThat(token).startsWith("wsz6_");

            String output = runDocsExample(base, token);
            assertThat(output.lines().count()).as("python example printed:\n" + output).isEqualTo(5);
        } finally {
            driver.quit();
        }
    }

    /** Runs the first Python block of docs/research-api.md, as a researcher would paste it. */
    static String runDocsExample(String portal, String token) throws Exception {
        String doc = Files.readString(PortalProcess.repoRoot().resolve("docs/research-api.md"));
        Matcher m = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("a python example in docs/research-api.md").isTrue();
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("wsz6.python", "python3"), "-c", m.group(1));
        pb.environment().put("WSZ6_PORTAL", portal);
        pb.environment().put("WSZ6_TOKEN", token);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static void shot(WebDriver driver, String name, int width, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(width, height));
        Path dir = PortalProcess.repoRoot().resolve("docs/screenshots");
        Files.createDirectories(dir);
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
