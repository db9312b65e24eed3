package org.wsz6.admin.catalogue;

/** One role's view of a game's initial state: untrusted vis HTML (null without a vis) and the text view. */
public record RolePreview(int role, String roleName, String visHtml, String text) {
}
