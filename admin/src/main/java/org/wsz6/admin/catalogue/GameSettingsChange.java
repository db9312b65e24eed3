package org.wsz6.admin.catalogue;

import java.util.Map;
import java.util.Set;

/**
 * One submission of the settings form. Saved values are never sent back to the browser, so a blank
 * {@code replacements} entry keeps the stored value; {@code newName}/{@code newValue} add (or replace)
 * one variable.
 */
public record GameSettingsChange(Map<String, String> replacements, Set<String> removals, String newName,
                                 String newValue, boolean allowNetwork, boolean adminsMayTakeOver) {
}
