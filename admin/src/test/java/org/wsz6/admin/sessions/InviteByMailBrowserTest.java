package org.wsz6.admin.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.wsz6.admin.AdminTestApplication;
import org.wsz6.admin.accounts.Account;
import org.wsz6.admin.mail.MailOutbox;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestDatabaseInitializer;
import org.wsz6.admin.support.TestGames;
import org.wsz6.contract.v1.SessionStatus;

/**
 * "Invite by e-mail" in headless Chromium on a phone-sized window: the owner sees the link and the
 * copy button, a typo is refused with a message, and what was typed is still in the form.
 * A screenshot goes to target/screenshots/my-sessions-invite.png.
 */
@SpringBootTest(classes = {AdminTestApplication.class, TestAccounts.class, TestGames.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@TestPropertySource(properties = {
        "wsz6.internal.play-url=http://127.0.0.1:9", "wsz6.internal.secret=test-secret-0123456789abcdef",
        "wsz6.internal.timeout-ms=300", "wsz6.install.sample-games=false", "wsz6.play-notify.first-ms=3600000",
        "wsz6.login.attempts-per-minute-per-address=100000", "wsz6.play.public-url=https://play.example.test"})
class InviteByMailBrowserTest {

    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired TestAccounts accounts;
    @Autowired SessionRepository sessions;
    @Autowired MailOutbox outbox;

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().window().setSize(new Dimension(390, 844));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theOwnerCopiesTheLinkAndATypoIsRefusedKeepingTheForm() throws Exception {
        Account mia = accounts.create("mia", AccountType.SESSION_OWNER);
        Instant now = Instant.now();
        sessions.recordLaunch("s-mia", "tic-tac-toe", "1.0", "Tic-Tac-Toe", mia.id(), "Mia", false, "/play/join/inv-mia", now);
        sessions.upsertStatus(new SessionStatus("s-mia", "tic-tac-toe", "1.0", "Tic-Tac-Toe", "Mia", "lobby",
                List.of(new SessionStatus.Seat(0, "X", "Mia", false, true)), 0, 0, false, now, now));
        long queued = outbox.pendingCount();

        open("/login");
        browser.findElement(By.id("username")).sendKeys("mia");
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        open("/account/sessions");
        var link = browser.findElement(By.id("link-s-mia"));
        assertThat(link.getAttribute("value")).isEqualTo("https://play.example.test/play/join/inv-mia");
        browser.findElement(By.cssSelector("[data-copy-target='link-s-mia']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(d -> !d.findElement(By.id("link-s-mia-status")).getText().isBlank());

        browser.findElement(By.id("emails-s-mia")).sendKeys("ana@example.org, ana-at-example.org");
        browser.findElement(By.id("note-s-mia")).sendKeys("Round two?");
        browser.findElement(By.cssSelector(".invite form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert.bad")));
        assertThat(browser.findElement(By.cssSelector(".alert.bad")).getText())
                .isEqualTo("This is not an e-mail address: ana-at-example.org. Nothing was sent.");
        assertThat(browser.findElement(By.id("emails-s-mia")).getAttribute("value")).isEqualTo("ana@example.org, ana-at-example.org");
        assertThat(browser.findElement(By.id("note-s-mia")).getAttribute("value")).isEqualTo("Round two?");
        assertThat(outbox.pendingCount()).isEqualTo(queued);
        // Nothing wider than the phone: the page does not scroll sideways.
        Long scrollWidth = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth).isLessThanOrEqualTo(390L);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.querySelector('.invite').scrollIntoView();");
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("my-sessions-invite.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }
}
