package org.wsz6.contract.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * Admin → play: a game version is installed (or its status changed). {@code folder} is the absolute
 * path of the installed version; {@code env} holds the environment variables an admin configured
 * for this game only (e.g. a language-model key); {@code allowNetwork} lets its workers reach the network.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GameInstalled(String slug, String version, String title, String folder, String status,
                            Map<String, String> env, boolean allowNetwork) {
}
