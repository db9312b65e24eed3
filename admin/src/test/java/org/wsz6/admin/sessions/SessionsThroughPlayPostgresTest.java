package org.wsz6.admin.sessions;

import org.wsz6.admin.support.PostgresUard;

/** The same session flows with UARD on the real PostgreSQL (its own schema, dropped afterwards). */
@PostgresUard
class SessionsThroughPlayPostgresTest extends SessionsThroughPlayTest {
}
