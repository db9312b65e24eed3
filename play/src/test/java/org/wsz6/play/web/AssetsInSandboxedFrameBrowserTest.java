package org.wsz6.play.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wsz6.play.testsupport.PlayClient;
import org.wsz6.play.testsupport.PlayServerTestBase;

/**
 * Headless Chromium loads the PondPicnic picture from a frame sandboxed like the play UI's vis frame
 * ({@code sandbox="allow-scripts"}, so no cookie is sent) as an {@code <img>}, and requests it as a CSS
 * {@code url()} background, which the play UI's data: inlining never covered. The frame reports on its
 * load event (timers do not run before --dump-dom) by postMessage; the page writes it into its DOM.
 */
class AssetsInSandboxedFrameBrowserTest extends PlayServerTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void thePondPictureLoadsInsideACookielessSandboxedFrame() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        var launched = server.launch("PondPicnic");
        String base;
        try (PlayClient olga = server.owner(launched)) {
            olga.ack(olga.send("type", "take_role", "role", 0));
            olga.ack(olga.send("type", "start_game"));
            Matcher img = Pattern.compile("src=\"([^\"]*)images/pond\\.svg\"")
                    .matcher(olga.stateAt(0).path("vis_html").asText());
            assertThat(img.find()).isTrue();
            base = server.base() + img.group(1);
        }
        String frame = """
                <img id="pic" src="%1$simages/pond.svg">
                <div id="bg" style="width:10px;height:10px;background-image:url('%1$simages/pond.svg?css')"></div>
                <script>
                  window.onload = () => {
                    const pic = document.getElementById('pic');
                    const css = performance.getEntriesByType('resource').find(e => e.name.endsWith('?css'));
                    parent.postMessage('img=' + (pic.complete && pic.naturalWidth > 0)
                        + ' css=' + (css ? 'requested' : 'none'), '*');
                  };
                </script>""".formatted(base);
        String page = """
                <!DOCTYPE html><html><body><p id="out">waiting</p>
                <iframe sandbox="allow-scripts" srcdoc="%s"></iframe>
                <script>window.addEventListener('message', e => { document.getElementById('out').textContent = e.data; });</script>
                </body></html>""".formatted(frame.replace("&", "&amp;").replace("\"", "&quot;"));
        Path dir = Files.createTempDirectory("wsz6-assets-browser");
        Path html = dir.resolve("page.html");
        Files.writeString(html, page);
        // Headless Chromium sometimes dumps the page before the frame has loaded (it then still says
        // "waiting"); that is the harness, not the portal, so it is asked again, up to three times.
        String dom = "";
        for (int attempt = 1; attempt <= 3 && !dom.contains("img="); attempt++) {
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile-" + attempt),
                    "--virtual-time-budget=10000", "--dump-dom", html.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        }
        // The picture decoded, so the cookie-less request got the SVG. The browser hides the status of a
        // cross-origin CSS fetch from an opaque frame; that it was made (not blocked) is what is visible,
        // and the same cookie-less request is proven to answer 200 in PlayHttpSurfaceTest.
        assertThat(dom).contains("img=true css=requested");
    }
}
