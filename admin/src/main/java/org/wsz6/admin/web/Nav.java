package org.wsz6.admin.web;

/** Which links of the top bar the current account sees (each one asked of the permission service). */
public record Nav(boolean users, boolean liveSessions, boolean install, boolean mySessions, boolean research) {
}
