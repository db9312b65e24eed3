package org.wsz6.admin.install;

import org.wsz6.admin.permissions.GameStatus;

/**
 * The metadata form of an install. {@code slug} names the game (new, or an existing one for a new
 * version); {@code title} and {@code version} may be blank, then the PFF's own name and
 * {@code problem_version} are used. {@code status} applies to a new game only.
 */
public record InstallRequest(String slug, String title, String version, String summary, GameStatus status) {
}
