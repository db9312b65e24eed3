package org.wsz6.admin.security;

import org.wsz6.admin.support.PostgresUard;

/** Sign-in, remember-me, rate limit and deactivation with UARD on the real PostgreSQL. */
@PostgresUard
class SecurityPostgresTest extends SecurityTest {
}
