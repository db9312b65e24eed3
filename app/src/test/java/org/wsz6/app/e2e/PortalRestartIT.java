package org.wsz6.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packaged portal starts on a fresh data folder, survives SIGKILL, and starts again on the same data. */
class PortalRestartIT {

    @Test
    void startsAgainOnTheSameDataAfterSigkill() throws Exception {
        try (PortalProcess portal = new PortalProcess(Path.of("target/e2e-data/restart-" + System.nanoTime()))) {
            portal.start();
            assertThat(portal.dataDir().resolve("internal-secret")).doesNotExist(); // secret given explicitly
            portal.kill();
            portal.start();
            assertThat(portal.log()).contains("WSZ6 portal is running at");
        }
    }
}
