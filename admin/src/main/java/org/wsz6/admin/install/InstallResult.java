package org.wsz6.admin.install;

import org.wsz6.admin.catalogue.GameDescription;

/** A finished install: where the version lives and what the PFF said about itself. */
public record InstallResult(String slug, String version, String folder, boolean newGame, GameDescription description,
                            GameHostCli.ValidationReport validation) {
}
