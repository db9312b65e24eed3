package org.wsz6.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
import org.wsz6.admin.install.HostileZipsForBrowser;
import org.wsz6.admin.install.SampleGames;
import org.wsz6.admin.permissions.AccessLevel;
import org.wsz6.admin.permissions.AccountType;
import org.wsz6.admin.sessions.SessionRepository;
import org.wsz6.admin.sessions.SessionService;
import org.wsz6.admin.support.TestAccounts;
import org.wsz6.admin.support.TestDatabaseInitializer;
import org.wsz6.admin.support.TestGames;
import org.wsz6.contract.v1.SessionStatus;
import org.wsz6.contract.v1.SessionSummary;
import org.wsz6.contract.v1.UserRef;

/**
 * Drives the admin pages in headless Chromium, as a person would, and saves screenshots of them to
 * docs/screenshots/admin-*.png: sign-in, catalogue, install (success and a refused zip), user detail,
 * live sessions and timeline. The sample games are really installed through the game host.
 */
@SpringBootTest(classes = {AdminTestApplication.class, TestAccounts.class, TestGames.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@TestPropertySource(properties = {
        "wsz6.internal.play-url=http://127.0.0.1:9", "wsz6.internal.secret=test-secret-0123456789abcdef",
        "wsz6.internal.timeout-ms=300", "wsz6.install.sample-games=false", "wsz6.install.validate-playouts=3",
        "wsz6.play-notify.first-ms=3600000", "wsz6.login.attempts-per-minute-per-address=100000"})
class AdminBrowserTest {

    static final Path ROOT = Path.of(System.getProperty("wsz6.root", "..")).toAbsolutePath().normalize();
    static final Path SHOTS = ROOT.resolve("docs/screenshots");
    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired TestAccounts accounts;
    @Autowired SampleGames samples;
    @Autowired SessionService sessions;
    @Autowired SessionRepository sessionRepository;

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAdminPagesWorkInABrowser() throws Exception {
        Files.createDirectories(SHOTS);
        samples.installMissingNow();
        seedSessions();
        accounts.create("gemma", AccountType.GAMES_ADMIN);

        // Sign in.
        open("/games");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("gemma");
        shot("login");
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(By.cssSelector(".game-card"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Tic-Tac-Toe", "Fox and Hounds");
        shot("catalogue");

        // Install: a refused zip, then a good one.
        open("/games/install");
        Path bad = Files.createTempFile("evil", ".zip");
        Files.write(bad, HostileZipsForBrowser.dotDotZip(ROOT));
        browser.findElement(By.id("slug")).sendKeys("sneaky-game");
        browser.findElement(By.id("zip")).sendKeys(bad.toString());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector(".alert.bad"));
        assertThat(browser.findElement(By.cssSelector(".alert.bad")).getText()).contains("contains '..'");
        shot("install-refused");

        Path good = Files.createTempFile("ttt", ".zip");
        Files.write(good, HostileZipsForBrowser.gameZip(ROOT.resolve("games/TicTacToe")));
        open("/games/install");
        browser.findElement(By.id("slug")).sendKeys("tic-tac-toe-classroom");
        browser.findElement(By.id("title")).sendKeys("Tic-Tac-Toe (classroom)");
        browser.findElement(By.id("zip")).sendKeys(good.toString());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector(".alert.ok"));
        assertThat(browser.findElement(By.cssSelector(".alert.ok")).getText()).contains("Installed 1.1 of tic-tac-toe-classroom");
        shot("install-success");

        // Game detail: the preview of the first state per role, in sandboxed frames whose inline styles apply.
        open("/games/tic-tac-toe");
        waitFor(By.cssSelector("#preview iframe.vis"));
        var frames = browser.findElements(By.cssSelector("#preview iframe.vis"));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0).getDomAttribute("sandbox")).isEmpty();
        browser.switchTo().frame(frames.get(0));
        var board = browser.findElement(By.tagName("svg"));
        assertThat(board.getCssValue("font-family")).contains("system-ui"); // its inline style applied
        browser.switchTo().defaultContent();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('preview').scrollIntoView()");
        shot("game-preview");

        // Game detail: per-game settings, saved and then shown masked.
        browser.findElement(By.id("new-name")).sendKeys("GAME_LLM_KEY");
        browser.findElement(By.id("new-value")).sendKeys("sk-browser-secret");
        browser.findElement(By.cssSelector("#settings input[name=allowNetwork]")).click();
        browser.findElement(By.cssSelector("#settings button[type=submit]")).click();
        waitFor(By.cssSelector(".alert.ok"));
        assertThat(browser.getPageSource()).contains("GAME_LLM_KEY").doesNotContain("sk-browser-secret");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('settings').scrollIntoView()");
        shot("game-settings");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/games/tic-tac-toe#settings");
        waitFor(By.id("settings"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('settings').scrollIntoView()");
        shot("game-settings-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // User detail (as the general admin would see it).
        signOutAndIn("ursula");
        open("/admin/users/" + accountId("ada"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Ada Lovelace", "Sessions owned");
        shot("user-detail");

        open("/admin/sessions");
        waitFor(By.cssSelector("table"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Join as observer");
        shot("live-sessions");

        open("/admin/timeline?days=1");
        waitFor(By.cssSelector(".timeline svg"));
        var bar = browser.findElement(By.cssSelector(".timeline .bar"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(bar).perform();
        assertThat(browser.findElement(By.id("timeline-tip")).isDisplayed()).isTrue();
        shot("timeline");

        // The catalogue on a phone-sized screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/games");
        shot("catalogue-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private void seedSessions() {
        Account ada = accounts.create("ada", AccountType.SESSION_OWNER, AccessLevel.BETA, Set.of());
        accounts.create("ursula", AccountType.GENERAL_ADMIN);
        Instant now = Instant.now();
        String[][] played = {{"tic-tac-toe", "9"}, {"fox-and-hounds", "5"}, {"rock-paper-scissors", "4"},
                {"guess-my-age", "3"}, {"little-tricks", "2"}, {"pond-picnic", "1"}, {"counting", "1"}};
        int n = 0;
        for (String[] game : played) {
            for (int i = 0; i < Integer.parseInt(game[1]); i++) {
                n++;
                Instant start = now.minus(Duration.ofMinutes(40L + 67L * n % 1300));
                Instant end = start.plus(Duration.ofMinutes(6 + (n * 7) % 45));
                sessionRepository.saveSummary(new SessionSummary(1, "s-" + n, null, game[0], "1.0",
                        new UserRef(ada.id(), "ada", "Ada Lovelace", "SESSION_OWNER"), start, end,
                        n % 5 == 0 ? "paused" : "ended", false,
                        List.of(new SessionSummary.Participant("Ada", ada.id(), false, false, 0, "X"),
                                new SessionSummary.Participant("Bo", null, true, false, 1, "O")),
                        List.of(new SessionSummary.PlaythroughSummary("pt-" + n, 1, start, end, 7, n % 5 != 0, "X wins!",
                                List.of(0), false, n))), ada.id());
            }
        }
        sessions.statusPushed(new SessionStatus("s-live-1", "tic-tac-toe", "1.1", "Tic-Tac-Toe", "Ada Lovelace", "playing",
                List.of(new SessionStatus.Seat(0, "X", "Ada", false, true), new SessionStatus.Seat(1, "O", "Random bot", true, true)),
                2, 5, false, now.minus(Duration.ofMinutes(12)), now));
        sessions.statusPushed(new SessionStatus("s-live-2", "fox-and-hounds", "1.0", "Fox and Hounds", "Ada Lovelace", "lobby",
                List.of(new SessionStatus.Seat(0, "Fox", "Cy", false, true), new SessionStatus.Seat(1, "Hounds", null, false, false)),
                0, 0, false, now.minus(Duration.ofMinutes(2)), now));
        sessions.statusPushed(new SessionStatus("s-live-3", "little-tricks", "1.0", "Little Tricks", "Gemma", "paused",
                List.of(new SessionStatus.Seat(0, "North", "Dee", false, false)), 0, 17, true,
                now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(3))));
    }

    private long accountId(String username) {
        return accounts.id(username);
    }

    private void signOutAndIn(String username) {
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(By.cssSelector(".game-card"));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void waitFor(By what) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(what));
    }

    private void shot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve("admin-" + name + ".png"), png);
    }
}
