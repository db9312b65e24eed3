package org.wsz6.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole portal as its users meet it: the first general admin (password printed once on first
 * start) signs in, starts a session from the catalogue, a guest joins by the invite link, another
 * admin watches from the live sessions list and switches perspective, and debug mode shows every role.
 */
class AdminToPlayIT {

    static PortalProcess portal;
    static String adminPassword;

    @BeforeAll
    static void startPortal() {
        assumeTrue(HeadlessChromium.available(), "chromium and chromedriver are needed (see .ci/run)");
        portal = new PortalProcess(Path.of("target/e2e-data/admin-play-" + System.nanoTime())).start();
        Matcher m = Pattern.compile("password: (\\S+)").matcher(portal.log());
        assertThat(m.find()).as("the first start prints the admin password:\n%s", portal.log()).isTrue();
        adminPassword = m.group(1);
        // The sample games are installed in the background right after the first start.
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!portal.log().contains("Installed sample games") && System.nanoTime() < deadline) {
            sleep(500);
        }
        assertThat(portal.log()).contains("Installed sample games");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stopPortal() {
        if (portal != null) {
            portal.close();
        }
    }

    static void signIn(PlayerPage page) {
        page.open("/login");
        page.waitFor(By.id("username")).sendKeys("admin");
        page.driver.findElement(By.id("password")).sendKeys(adminPassword);
        page.driver.findElement(By.cssSelector("form button[type='submit']")).click();
        page.waitFor(By.linkText("Games"));
    }

    static void openGame(PlayerPage page, String title) {
        page.open("/games");
        page.click(By.xpath("//a[.//h2[normalize-space()='" + title + "']]"));
        page.waitFor(By.xpath("//h1[contains(., '" + title + "')]"));
    }

    @Test
    void anAdminStartsASessionAGuestJoinsAndAnotherAdminObservesAndSwitchesPerspective() {
        try (PlayerPage owner = new PlayerPage(portal.baseUrl(), 1280, 900);
             PlayerPage guest = new PlayerPage(portal.baseUrl(), 390, 844);
             PlayerPage watcher = new PlayerPage(portal.baseUrl(), 1280, 900)) {
            signIn(owner);
            openGame(owner, "Tic-Tac-Toe");
            owner.click(By.xpath("//button[normalize-space()='Start session']"));
            owner.waitFor(By.id("lobby"));
            owner.clickTestId("take-role-0");
            String invite = owner.waitFor(By.id("invite-url")).getAttribute("value");
            assertThat(invite).contains("/play/join/");

            guest.join(invite.substring(invite.indexOf("/play/join/")), "Gus");
            guest.clickTestId("take-role-1");
            owner.waitForText(By.cssSelector("[data-testid='seat-1']"), "Gus");
            owner.click(By.id("start-game"));
            owner.clickTestId("op-4");

            signIn(watcher);
            watcher.open("/admin/sessions");
            watcher.click(By.cssSelector("button[id^='observe-']"));
            watcher.waitFor(By.id("perspective-select"));
            new Select(watcher.driver.findElement(By.id("perspective-select"))).selectByValue("1");
            new WebDriverWait(watcher.driver, Duration.ofSeconds(20)).until(d -> watcher.frames().stream()
                    .anyMatch(f -> f.contains("\"type\":\"state_update\"") && f.contains("\"perspective_role\":1")));
            watcher.screenshot("play-observer");

            guest.clickTestId("op-0");
            owner.clickTestId("op-3");
            guest.clickTestId("op-1");
            owner.clickTestId("op-5");
            guest.waitForText(By.id("goal-message"), "X");
            watcher.waitForText(By.id("goal-message"), "X");
        }
    }

    @Test
    void debugModeShowsOneLiveFramePerRole() {
        try (PlayerPage author = new PlayerPage(portal.baseUrl(), 1400, 1000)) {
            signIn(author);
            openGame(author, "Tic-Tac-Toe");
            author.click(By.xpath("//button[normalize-space()='Start in debug mode']"));
            new WebDriverWait(author.driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/play/s/"));
            String url = author.driver.getCurrentUrl();
            String sessionId = url.replaceAll(".*/play/s/([^/?#]+).*", "$1");
            if (!url.contains("/debug")) {
                author.open("/play/s/" + sessionId + "/debug");
            }
            author.waitFor(By.id("debug-frame-0"));
            author.waitFor(By.id("debug-frame-1"));

            author.driver.switchTo().frame(author.driver.findElement(By.id("debug-frame-0")));
            author.click(By.id("start-game"));                        // the author holds every role
            author.click(By.cssSelector("[data-testid='op-4']"));     // X moves in X's frame...
            author.driver.switchTo().defaultContent();
            author.driver.switchTo().frame(author.driver.findElement(By.id("debug-frame-1")));
            author.waitFor(By.cssSelector("[data-testid='op-0']"));   // ...and O's frame offers O's moves
            author.driver.switchTo().defaultContent();
            author.screenshot("play-debug");
        }
    }
}
