package org.wsz6.app.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser on the play pages, with the few gestures the end-to-end tests need. It also
 * records every WebSocket frame the page receives (a script installed before any page script runs),
 * so a test can prove what a browser was, and was not, sent.
 */
public final class PlayerPage implements AutoCloseable {

    private static final String RECORD_FRAMES = """
            (() => {
              window.__wsz6Frames = [];
              const Native = window.WebSocket;
              window.WebSocket = function (url, protocols) {
                const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
                socket.addEventListener('message', (e) => window.__wsz6Frames.push(String(e.data)));
                return socket;
              };
              window.WebSocket.prototype = Native.prototype;
              Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            })();
            """;

    public final WebDriver driver;
    private final String base;

    public PlayerPage(String base, int width, int height) {
        this.base = base;
        this.driver = HeadlessChromium.start(width, height);
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_FRAMES));
    }

    public PlayerPage open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Joins through the invite page with a name. */
    public PlayerPage join(String invitePath, String name) {
        open(invitePath);
        WebElement input = waitFor(By.id("name-input"));
        input.clear();
        input.sendKeys(name);
        driver.findElement(By.id("join-button")).click();
        waitFor(By.id("lobby"));
        return this;
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Clicks like a person would: when a passing notice covers the control, or the page re-drew it
     * (a new state arrived) between finding and clicking, look again and click again.
     */
    public void click(By by) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        for (int attempt = 0; ; attempt++) {
            try {
                wait.until(ExpectedConditions.elementToBeClickable(by)).click();
                return;
            } catch (org.openqa.selenium.ElementClickInterceptedException | org.openqa.selenium.StaleElementReferenceException covered) {
                if (attempt == 5) {
                    throw covered;
                }
                sleep(1000);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keyboard only: gives the control focus and presses Enter, as a person tabbing to it would. */
    public void pressEnterOn(String testId) {
        WebElement control = new WebDriverWait(driver, Duration.ofSeconds(30)).until(
                ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid='" + testId + "']")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus();", control);
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
    }

    public void clickTestId(String testId) {
        click(By.cssSelector("[data-testid='" + testId + "']"));
    }

    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Clicks an element of the game's own vis HTML inside the sandboxed frame. */
    public void clickInVis(String cssSelector) {
        driver.switchTo().frame(waitFor(By.cssSelector("iframe#vis-frame, #vis-box iframe, iframe.vis-frame")));
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ExpectedConditions.elementToBeClickable(By.cssSelector(cssSelector))).click();
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    /** Waits until the page's WebSocket is open again (the "reconnecting" banner is gone). */
    public void waitUntilConnected() {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.id("connection-banner")));
    }

    public String text(By by) {
        return waitFor(by).getText();
    }

    @SuppressWarnings("unchecked")
    public List<String> frames() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return window.__wsz6Frames || [];");
    }

    public void screenshot(String name) {
        HeadlessChromium.screenshot(driver, name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
