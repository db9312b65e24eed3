package org.wsz6.app;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code wsz6.data-dir} and {@code wsz6.root} absolute before anything reads them, so every
 * path built from them (H2 file URLs, the games repository, scratch folders) means the same folder
 * however the portal was started; H2 refuses implicitly relative file URLs anyway.
 */
public class DataDirNormalizer implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String dataDir = env.getProperty("wsz6.data-dir", "./data");
        String root = env.getProperty("wsz6.root", ".");
        env.getPropertySources().addFirst(new MapPropertySource("wsz6-absolute-paths", Map.of(
                "wsz6.data-dir", Path.of(dataDir).toAbsolutePath().normalize().toString(),
                "wsz6.root", Path.of(root).toAbsolutePath().normalize().toString())));
    }
}
